import { sql, type Kysely } from "kysely";
import type { BotSettings, PlatformTables } from "../db/schema.ts";
import { isLocale, SUPPORTED_LOCALES, type Locale, type Translator } from "../i18n/translator.ts";

/** A bot's settings as handlers read them: always the latest any replica saved. */
export interface CurrentSettings {
  timeZone: string;
  languages: Locale[];
  /** Enabled modules; null means every installed module but the opt-in ones. */
  modules: string[] | null;
  staffMayApply: boolean;
  /** What a staff message in a work group's thread starts with to stay an internal note. */
  noteMarker: string;
  /** What staff write in a work group reaches people under the team's name, not the staff member's. */
  anonymousStaff: boolean;
}

/** The note marker of a bot that has not chosen one: a hashtag, so staff can search their notes in Telegram. */
export const DEFAULT_NOTE_MARKER = "#note";

/** A bot's stored settings as handlers read them: known languages only (English if none), defaults filled in. */
export function currentSettings(settings: BotSettings): CurrentSettings {
  const languages = settings.languages.filter(isLocale);
  return {
    timeZone: settings.timeZone,
    languages: languages.length > 0 ? languages : ["en"],
    modules: settings.modules,
    staffMayApply: settings.staffMayApply ?? true,
    noteMarker: settings.noteMarker ?? DEFAULT_NOTE_MARKER,
    anonymousStaff: settings.anonymousStaff ?? false,
  };
}

/**
 * Settings and panel-edited texts of every bot, kept in memory and reloaded when a bot's
 * `version` moves. Every replica's pulse reads the versions (`follow`), so an edit made on one
 * replica is live on all within a beat, without a restart or a message bus.
 */
export class LiveSettings {
  readonly #db: Kysely<PlatformTables>;
  readonly #translator: Translator;
  readonly #settings = new Map<string, CurrentSettings>();
  readonly #versions = new Map<string, number>();

  constructor(db: Kysely<PlatformTables>, translator: Translator) {
    this.#db = db;
    this.#translator = translator;
  }

  of(botId: string): CurrentSettings {
    const settings = this.#settings.get(botId);
    if (settings === undefined) throw new Error(`settings of bot ${botId} are not loaded`);
    return settings;
  }

  /** Reloads when a bot's version read elsewhere (the pulse) is not the one loaded here. */
  async follow(versions: ReadonlyMap<string, { version: number }>): Promise<void> {
    for (const [botId, { version }] of versions) {
      if (this.#versions.get(botId) !== version) {
        await this.refresh();
        return;
      }
    }
  }

  /** Reloads the bots whose version moved; returns their ids. */
  async refresh(): Promise<string[]> {
    const bots = await this.#db.selectFrom("bot").select(["id", "version", "settings"]).execute();
    const changed: string[] = [];
    for (const bot of bots) {
      if (this.#versions.get(bot.id) === bot.version) continue;
      const overrides = await this.#db.selectFrom("text_override").select(["locale", "key", "text"]).where("bot_id", "=", bot.id).execute();
      const texts: Partial<Record<Locale, Record<string, string>>> = {};
      for (const locale of SUPPORTED_LOCALES) texts[locale] = {};
      for (const row of overrides) if (isLocale(row.locale)) (texts[row.locale] ??= {})[row.key] = row.text;
      this.#translator.setOverrides(bot.id, texts);
      this.#settings.set(bot.id, currentSettings(bot.settings));
      this.#versions.set(bot.id, bot.version);
      changed.push(bot.id);
    }
    return changed;
  }
}

/** Tells every replica that a bot's settings or texts changed; call in the changing transaction. */
export async function bumpSettingsVersion(db: Kysely<PlatformTables>, botId: string): Promise<void> {
  await db.updateTable("bot").set({ version: sql<number>`version + 1` }).where("id", "=", botId).execute();
}
