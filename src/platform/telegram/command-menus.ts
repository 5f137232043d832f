import { createHash } from "node:crypto";
import type { BotCommand } from "@grammyjs/types";
import type { Api } from "grammy";
import { sql, type Kysely } from "kysely";
import { staffOf } from "../auth/roles.ts";
import type { PlatformTables } from "../db/schema.ts";
import { SUPPORTED_LOCALES, isLocale, type Locale, type Translator } from "../i18n/translator.ts";
import { visibleTo, type BotyardModule, type CommandEntry } from "../module.ts";
import type { CurrentSettings } from "../settings/live-settings.ts";
import { enqueueOutbox } from "./outbox.ts";

const PLATFORM_COMMANDS: readonly CommandEntry[] = [
  { command: "start", description: "command-start" },
  { command: "help", description: "command-help" },
  { command: "language", description: "command-language" },
  { command: "cancel", description: "command-cancel" },
];

/** The command menu someone with these roles sees, in a language, under the bot's live settings. */
export function commandsFor(
  roles: ReadonlySet<string>,
  modules: readonly BotyardModule[],
  translate: (key: string) => string,
  settings: CurrentSettings,
): BotCommand[] {
  const entries = [...PLATFORM_COMMANDS, ...modules.flatMap((module) => module.botCommands ?? [])];
  return entries
    .filter((entry) => visibleTo(roles, entry.roles) && entry.when?.({ roles, settings }) !== false)
    .map((entry) => ({ command: entry.command, description: translate(entry.description) }));
}

/** Short and stable: tells two menus apart in the outbox's dedupe keys. */
function menuHash(commands: readonly BotCommand[]): string {
  return createHash("sha256").update(JSON.stringify(commands)).digest("hex").slice(0, 16);
}

/**
 * Queues one person's own command menu (a `chat` scope), keyed by its contents and `stamp`, so
 * publishCommandMenus sees it as the last one queued for them.
 */
export async function queueOwnMenu(db: Kysely<PlatformTables>, botId: string, telegramId: number, commands: readonly BotCommand[], stamp: number): Promise<void> {
  const payload = { commands, scope: { type: "chat", chat_id: telegramId } };
  await enqueueOutbox(db, { botId, chatId: telegramId, method: "setMyCommands", payload, dedupeKey: `commands:${telegramId}:${menuHash(commands)}:${stamp}` });
}

/**
 * Sets the bot's command menus: the public one for everyone (per Telegram's language), and a menu
 * of their own for each staff member (their roles' commands) and for each person who chose a
 * language with /language (in it), queued through the outbox. A person's menu is queued only when
 * it differs from the last one queued for them, and someone who no longer needs one gets theirs
 * deleted, so they see the public one again.
 */
export async function publishCommandMenus(options: {
  botId: string;
  api: Api;
  db: Kysely<PlatformTables>;
  modules: readonly BotyardModule[];
  translator: Translator;
  settings: CurrentSettings;
  now?: Date;
}): Promise<void> {
  const { botId, api, db, modules, translator, settings } = options;
  const stamp = (options.now ?? new Date()).getTime();
  const locales = SUPPORTED_LOCALES.filter((locale) => settings.languages.includes(locale));
  const inLocale = (locale: Locale) => (key: string) => translator.translate(botId, locale, key);
  const nobody = new Set<string>();
  for (const locale of locales) {
    await api.setMyCommands(commandsFor(nobody, modules, inLocale(locale), settings), { language_code: locale });
  }
  await api.setMyCommands(commandsFor(nobody, modules, inLocale(locales[0] ?? "en"), settings));

  const staff = await staffOf(db, botId);
  const members = await db
    .selectFrom("bot_member")
    .leftJoin("person", "person.telegram_id", "bot_member.telegram_id")
    .select(["bot_member.telegram_id", "bot_member.language", "person.language_code"])
    .where("bot_member.bot_id", "=", botId)
    .where((eb) => eb.or([eb("bot_member.telegram_id", "in", [0, ...staff.keys()]), eb("bot_member.language", "is not", null)]))
    .execute();
  const languageOf = new Map(members.map((row) => [row.telegram_id, row.language ?? row.language_code?.slice(0, 2)]));
  const chose = members.filter((row) => row.language !== null).map((row) => row.telegram_id);
  const lastMenus = await lastQueuedMenus(db, botId);
  const owning = new Set([...staff.keys(), ...chose]);
  for (const telegramId of owning) {
    const language = languageOf.get(telegramId);
    const locale: Locale = isLocale(language) && locales.includes(language) ? language : (locales[0] ?? "en");
    const commands = commandsFor(staff.get(telegramId) ?? nobody, modules, inLocale(locale), settings);
    if (lastMenus.get(telegramId) !== menuHash(commands)) await queueOwnMenu(db, botId, telegramId, commands, stamp);
  }
  for (const [telegramId, menu] of lastMenus) {
    if (owning.has(telegramId) || menu === NO_MENU) continue;
    await enqueueOutbox(db, { botId, chatId: telegramId, method: "deleteMyCommands", payload: { scope: { type: "chat", chat_id: telegramId } }, dedupeKey: `commands:${telegramId}:${NO_MENU}:${stamp}` });
  }
}

const NO_MENU = "none";

/** The menu (hash, or "none") last queued for each person who ever had one of their own. */
async function lastQueuedMenus(db: Kysely<PlatformTables>, botId: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom("outbox")
    .distinctOn("chat_id")
    .select(["chat_id", "dedupe_key"])
    .where("bot_id", "=", botId)
    .where("dedupe_key", "like", "commands:%")
    .orderBy("chat_id")
    .orderBy("id", "desc")
    .execute();
  return new Map(rows.map((row) => [row.chat_id, row.dedupe_key.split(":")[2] ?? ""]));
}

/**
 * What the command menus depend on besides the code: the bot's settings version (enabled
 * modules, languages, texts) and its roles. The leader republishes a bot's menus when it moves.
 */
export async function menuFingerprints(db: Kysely<PlatformTables>): Promise<Map<string, string>> {
  // One statement: what the leader publishes first; the pulse reads the same fingerprint.
  const bots = await db
    .selectFrom("bot")
    .select(["id", "version"])
    .select([
      sql<number>`(select count(*)::int from role where role.bot_id = bot.id)`.as("roles"),
      sql<Date | string | null>`(select max(granted_at) from role where role.bot_id = bot.id)`.as("latest"),
    ])
    .execute();
  return new Map(bots.map((bot) => [bot.id, menuFingerprintOf(bot)]));
}

/** A bot's menu fingerprint from its settings version, its role count and its latest grant. */
export function menuFingerprintOf(bot: { version: number; roles: number; latest: Date | string | null }): string {
  return `${bot.version}/${bot.latest === null ? "0" : `${bot.roles}@${new Date(bot.latest).getTime()}`}`;
}
