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

export interface SettingsInput {
  timeZone: string;
  /** The bot's languages, the first being the one for people whose own it does not speak. */
  languages: string[];
  /** Enabled modules; null enables every installed one but the opt-in ones, now and later. */
  modules: string[] | null;
  staffMayApply: boolean;
  /** Names of the installed modules, which `modules` must be among. */
  installed: readonly string[];
}

export type SettingsRefusal =
  | { kind: "unknown-zone"; zone: string }
  | { kind: "no-languages" }
  | { kind: "unknown-language"; language: string }
  | { kind: "unknown-module"; module: string };

export type SettingsResult = { saved: true; settings: CurrentSettings } | { saved: false; refusal: SettingsRefusal };

function refusalOf(input: SettingsInput): SettingsRefusal | undefined {
  if (!isTimeZone(input.timeZone)) return { kind: "unknown-zone", zone: input.timeZone };
  if (input.languages.length === 0) return { kind: "no-languages" };
  const language = input.languages.find((candidate) => !isLocale(candidate));
  if (language !== undefined) return { kind: "unknown-language", language };
  const module = input.modules?.find((candidate) => !input.installed.includes(candidate));
  if (module !== undefined) return { kind: "unknown-module", module };
  return undefined;
}

/**
 * Saves a bot's time zone, languages, enabled modules and whether strangers may apply for
 * staff access. From then on the config file no longer overrides them at start, and every
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
    // Settings this page does not edit are kept as they were.
    ...(row.settings.noteMarker === undefined ? {} : { noteMarker: row.settings.noteMarker }),
    ...(row.settings.anonymousStaff === undefined ? {} : { anonymousStaff: row.settings.anonymousStaff }),
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
