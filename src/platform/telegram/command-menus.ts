import { createHash } from "node:crypto";
import type { BotCommand } from "@grammyjs/types";
import type { Api } from "grammy";
import { sql, type Kysely } from "kysely";
import { staffOf } from "../auth/roles.ts";
import type { PlatformTables } from "../db/schema.ts";
import { SUPPORTED_LOCALES, isLocale, type Locale, type Translator } from "../i18n/translator.ts";
import { visibleTo, type BotyardModule, type CommandEntry } from "../module.ts";
import { enqueueOutbox } from "./outbox.ts";

const PLATFORM_COMMANDS: readonly CommandEntry[] = [
  { command: "start", description: "command-start" },
  { command: "help", description: "command-help" },
  { command: "language", description: "command-language" },
  { command: "cancel", description: "command-cancel" },
];

/** The command menu someone with these roles sees, in a language. */
export function commandsFor(
  roles: ReadonlySet<string>,
  modules: readonly BotyardModule[],
  translate: (key: string) => string,
): BotCommand[] {
  const entries = [...PLATFORM_COMMANDS, ...modules.flatMap((module) => module.botCommands ?? [])];
  return entries
    .filter((entry) => visibleTo(roles, entry.roles))
    .map((entry) => ({ command: entry.command, description: translate(entry.description) }));
}

/**
 * Sets the bot's command menus: the public one for everyone (per language), and for each staff
 * member a menu of their own with their roles' commands, queued through the outbox. A person's
 * menu is queued only when it differs from the last one queued for them, and someone who is no
 * longer staff gets their own menu deleted, so they see the public one again.
 */
export async function publishCommandMenus(options: {
  botId: string;
  api: Api;
  db: Kysely<PlatformTables>;
  modules: readonly BotyardModule[];
  translator: Translator;
  languages: readonly string[];
  now?: Date;
}): Promise<void> {
  const { botId, api, db, modules, translator } = options;
  const stamp = (options.now ?? new Date()).getTime();
  const locales = SUPPORTED_LOCALES.filter((locale) => options.languages.includes(locale));
  const inLocale = (locale: Locale) => (key: string) => translator.translate(botId, locale, key);
  for (const locale of locales) {
    await api.setMyCommands(commandsFor(new Set(), modules, inLocale(locale)), { language_code: locale });
  }
  await api.setMyCommands(commandsFor(new Set(), modules, inLocale(locales[0] ?? "en")));

  const staff = await staffOf(db, botId);
  const languages = await db
    .selectFrom("bot_member")
    .leftJoin("person", "person.telegram_id", "bot_member.telegram_id")
    .select(["bot_member.telegram_id", "bot_member.language", "person.language_code"])
    .where("bot_member.bot_id", "=", botId)
    .where("bot_member.telegram_id", "in", [0, ...staff.keys()])
    .execute();
  const languageOf = new Map(languages.map((row) => [row.telegram_id, row.language ?? row.language_code?.slice(0, 2)]));
  const lastMenus = await lastQueuedMenus(db, botId);

  const queue = async (telegramId: number, menu: string, call: { method: string; payload: Record<string, unknown> }) => {
    if (lastMenus.get(telegramId) === menu) return;
    await enqueueOutbox(db, { botId, chatId: telegramId, ...call, dedupeKey: `commands:${telegramId}:${menu}:${stamp}` });
  };
  for (const [telegramId, roles] of staff) {
    const language = languageOf.get(telegramId);
    const locale: Locale = isLocale(language) && locales.includes(language) ? language : (locales[0] ?? "en");
    const commands = commandsFor(roles, modules, inLocale(locale));
    const menu = createHash("sha256").update(JSON.stringify(commands)).digest("hex").slice(0, 16);
    await queue(telegramId, menu, { method: "setMyCommands", payload: { commands, scope: { type: "chat", chat_id: telegramId } } });
  }
  for (const telegramId of lastMenus.keys()) {
    if (staff.has(telegramId)) continue;
    await queue(telegramId, NO_MENU, { method: "deleteMyCommands", payload: { scope: { type: "chat", chat_id: telegramId } } });
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
  // One statement: the leader reads this every few seconds.
  const bots = await db
    .selectFrom("bot")
    .select(["id", "version"])
    .select([
      sql<number>`(select count(*)::int from role where role.bot_id = bot.id)`.as("roles"),
      sql<Date | string | null>`(select max(granted_at) from role where role.bot_id = bot.id)`.as("latest"),
    ])
    .execute();
  return new Map(bots.map((bot) => [bot.id, `${bot.version}/${bot.latest === null ? "0" : `${bot.roles}@${new Date(bot.latest).getTime()}`}`]));
}
