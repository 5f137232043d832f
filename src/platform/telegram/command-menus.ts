import { createHash } from "node:crypto";
import type { BotCommand } from "@grammyjs/types";
import type { Api } from "grammy";
import type { Kysely } from "kysely";
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
  const entries = [...PLATFORM_COMMANDS, ...modules.flatMap((module) => module.commands ?? [])];
  return entries
    .filter((entry) => visibleTo(roles, entry.roles))
    .map((entry) => ({ command: entry.command, description: translate(entry.description) }));
}

/**
 * Sets the bot's command menus: the public one for everyone (per language), and for each staff
 * member a menu of their own with their roles' commands (queued through the outbox; the dedupe
 * key carries the menu's hash, so an unchanged menu is not set again).
 */
export async function publishCommandMenus(options: {
  botId: string;
  api: Api;
  db: Kysely<PlatformTables>;
  modules: readonly BotyardModule[];
  translator: Translator;
  languages: readonly string[];
}): Promise<void> {
  const { botId, api, db, modules, translator } = options;
  const locales = SUPPORTED_LOCALES.filter((locale) => options.languages.includes(locale));
  const inLocale = (locale: Locale) => (key: string) => translator.translate(botId, locale, key);
  for (const locale of locales) {
    await api.setMyCommands(commandsFor(new Set(), modules, inLocale(locale)), { language_code: locale });
  }
  await api.setMyCommands(commandsFor(new Set(), modules, inLocale(locales[0] ?? "en")));

  const staff = await staffOf(db, botId);
  if (staff.size === 0) return;
  const languages = await db
    .selectFrom("bot_member")
    .leftJoin("person", "person.telegram_id", "bot_member.telegram_id")
    .select(["bot_member.telegram_id", "bot_member.language", "person.language_code"])
    .where("bot_member.bot_id", "=", botId)
    .where("bot_member.telegram_id", "in", [...staff.keys()])
    .execute();
  const languageOf = new Map(languages.map((row) => [row.telegram_id, row.language ?? row.language_code?.slice(0, 2)]));
  for (const [telegramId, roles] of staff) {
    const language = languageOf.get(telegramId);
    const locale: Locale = isLocale(language) && locales.includes(language) ? language : (locales[0] ?? "en");
    const commands = commandsFor(roles, modules, inLocale(locale));
    const hash = createHash("sha256").update(JSON.stringify(commands)).digest("hex").slice(0, 16);
    await enqueueOutbox(db, {
      botId,
      chatId: telegramId,
      method: "setMyCommands",
      payload: { commands, scope: { type: "chat", chat_id: telegramId } },
      dedupeKey: `commands:${telegramId}:${hash}`,
    });
  }
}
