import type { Kysely, Transaction } from "kysely";
import { defineUseCase } from "../audit/use-case.ts";
import type { BotSettings, PlatformTables } from "../db/schema.ts";
import { isLocale } from "../i18n/translator.ts";
import { bumpSettingsVersion, currentSettings, type CurrentSettings } from "./live-settings.ts";

/** The time zones a bot may have: IANA names (the offsets Intl also takes are not zones: no DST). */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone")];
}

/** Whether Intl knows `zone` as a named zone (aliases such as Europe/Kyiv included). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A note marker is one word of 1-16 characters that a real message would not start with by chance. */
export function isNoteMarker(marker: string): boolean {
  return /^[^\p{L}\p{N}\s]\S{0,15}$/u.test(marker);
}

export interface SettingsInput {
  timeZone: string;
  /** The bot's languages, the first being the one for people whose own it does not speak. */
  languages: string[];
  /** Enabled modules; null enables every installed one but the opt-in ones, now and later. */
  modules: string[] | null;
  staffMayApply: boolean;
  /** What starts a staff member's internal note in a work group; absent keeps the saved one. */
  noteMarker?: string;
  /** Whether staff answers reach clients signed "Support" rather than with the staff member's name; absent keeps the saved one. */
  anonymousStaff?: boolean;
  /** Names of the installed modules, which `modules` must be among. */
  installed: readonly string[];
}

export type SettingsRefusal =
  | { kind: "unknown-zone"; zone: string }
  | { kind: "no-languages" }
  | { kind: "unknown-language"; language: string }
  | { kind: "unknown-module"; module: string }
  | { kind: "bad-note-marker"; marker: string };

export type SettingsResult = { saved: true; settings: CurrentSettings } | { saved: false; refusal: SettingsRefusal };

function refusalOf(input: SettingsInput): SettingsRefusal | undefined {
  if (!isTimeZone(input.timeZone)) return { kind: "unknown-zone", zone: input.timeZone };
  if (input.languages.length === 0) return { kind: "no-languages" };
  const language = input.languages.find((candidate) => !isLocale(candidate));
  if (language !== undefined) return { kind: "unknown-language", language };
  const module = input.modules?.find((candidate) => !input.installed.includes(candidate));
  if (module !== undefined) return { kind: "unknown-module", module };
  if (input.noteMarker !== undefined && !isNoteMarker(input.noteMarker)) return { kind: "bad-note-marker", marker: input.noteMarker };
  return undefined;
}

/**
 * Saves a bot's time zone, languages, enabled modules, whether strangers may apply for staff
 * access, and the marker of staff's internal notes in work groups. From then on the config file no longer overrides them at start, and every
 * replica applies them from its next update.
 */
export const updateSettings = defineUseCase("settings.update", async (trx: Transaction<PlatformTables>, actor, input: SettingsInput) => {
  const refusal = refusalOf(input);
  if (refusal !== undefined) return { result: { saved: false, refusal } as SettingsResult, audit: null };
  const row = await trx.selectFrom("bot").select("settings").where("id", "=", actor.botId).executeTakeFirstOrThrow();
  const after: BotSettings = {
    timeZone: input.timeZone,
    languages: [...new Set(input.languages)],
    modules: input.modules === null ? null : [...new Set(input.modules)],
    staffMayApply: input.staffMayApply,
    // What the caller does not send is kept as it was.
    ...((input.noteMarker ?? row.settings.noteMarker) === undefined ? {} : { noteMarker: input.noteMarker ?? row.settings.noteMarker }),
    ...((input.anonymousStaff ?? row.settings.anonymousStaff) === undefined ? {} : { anonymousStaff: input.anonymousStaff ?? row.settings.anonymousStaff }),
  };
  await trx.updateTable("bot").set({ settings: JSON.stringify(after), settings_edited_at: new Date() }).where("id", "=", actor.botId).execute();
  await bumpSettingsVersion(trx, actor.botId);
  return {
    result: { saved: true, settings: currentSettings(after) } as SettingsResult,
    audit: { objectType: "bot", objectId: actor.botId, before: row.settings, after },
  };
});

/** A bot's settings as last saved (fresher than LiveSettings, which follows them within seconds). */
export async function savedSettings(db: Kysely<PlatformTables>, botId: string): Promise<{ settings: CurrentSettings; editedAt: string | null }> {
  const row = await db.selectFrom("bot").select(["settings", "settings_edited_at"]).where("id", "=", botId).executeTakeFirstOrThrow();
  return { settings: currentSettings(row.settings), editedAt: row.settings_edited_at === null ? null : new Date(row.settings_edited_at).toISOString() };
}
