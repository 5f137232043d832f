import type { InlineKeyboardButton } from "@grammyjs/types";
import type { Transaction } from "kysely";
import type { Permission, Permissions } from "../auth/permissions.ts";
import type { PlatformTables } from "../db/schema.ts";
import { chooseLocale } from "../i18n/choose-locale.ts";
import type { Locale, TranslationArgs, Translator } from "../i18n/translator.ts";
import { enqueueOutbox } from "../telegram/outbox.ts";
import type { TelegramFileKind } from "../files/received-file.ts";
import { SEND_METHOD_OF } from "../files/stored-file-message.ts";

/** One holder's copy of a notice: Telegram HTML text, and optionally a photo (file_id) or another file Telegram holds, and buttons. */
export interface HolderMessage {
  text: string;
  photo?: string;
  /** A file by Telegram's id, sent the way it came (a document as a document); the text is its caption. */
  file?: { kind: TelegramFileKind; telegramFileId: string };
  buttons?: InlineKeyboardButton[][];
}

/** A notice to the holders of a permission, written once and rendered in each holder's language. */
export interface HolderNotice {
  /** What it is about (`feedback:42`); each copy is keyed `<dedupeKey>:to:<telegram id>`, so a retry queues nothing twice. */
  dedupeKey: string;
  render(locale: Locale, t: (key: string, args?: TranslationArgs) => string): HolderMessage | Promise<HolderMessage>;
}

/** What rendering notices needs: the texts, who holds what, and the languages each bot speaks. */
export interface HolderNoticeDeps {
  translator: Translator;
  permissions: Permissions;
  languagesOf(botId: string): readonly string[];
}

/** The people of a bot holding `permission` through a role (owners always), with the language to speak to each; those who blocked the bot are left out. */
export function holdersOf(
  trx: Transaction<PlatformTables>,
  deps: Pick<HolderNoticeDeps, "permissions" | "languagesOf">,
  botId: string,
  permission: Permission,
): Promise<{ telegramId: number; locale: Locale }[]> {
  return holdersOfRoles(trx, deps, botId, deps.permissions.holdersOf(permission));
}

/** The people of a bot holding one of `roles`, with the language to speak to each; those who blocked the bot are left out. */
export async function holdersOfRoles(
  trx: Transaction<PlatformTables>,
  deps: Pick<HolderNoticeDeps, "languagesOf">,
  botId: string,
  roles: readonly string[],
): Promise<{ telegramId: number; locale: Locale }[]> {
  const rows = await trx
    .selectFrom("role")
    .leftJoin("person", "person.telegram_id", "role.telegram_id")
    .leftJoin("bot_member", (join) => join.onRef("bot_member.bot_id", "=", "role.bot_id").onRef("bot_member.telegram_id", "=", "role.telegram_id"))
    .select(["role.telegram_id", "bot_member.language", "person.language_code"])
    .distinct()
    .where("role.bot_id", "=", botId)
    .where("role.role", "in", [...roles])
    .where("bot_member.blocked_at", "is", null)
    .orderBy("role.telegram_id")
    .execute();
  const languages = deps.languagesOf(botId);
  return rows.map((row) => ({ telegramId: row.telegram_id, locale: chooseLocale(row.language, row.language_code ?? undefined, languages) }));
}

/** The language to speak to one person of a bot: their choice, their Telegram language, the bot's first. */
export async function localeOfPerson(trx: Transaction<PlatformTables>, deps: Pick<HolderNoticeDeps, "languagesOf">, botId: string, telegramId: number): Promise<Locale> {
  const row = await trx
    .selectFrom("person")
    .leftJoin("bot_member", (join) => join.onRef("bot_member.telegram_id", "=", "person.telegram_id").on("bot_member.bot_id", "=", botId))
    .select(["bot_member.language", "person.language_code"])
    .where("person.telegram_id", "=", telegramId)
    .executeTakeFirst();
  return chooseLocale(row?.language, row?.language_code ?? undefined, deps.languagesOf(botId));
}

/**
 * Queues one person's copy of `notice`, rendered in `locale`; false when it was queued before.
 * With `editing` (the dedupe key of a message queued to them before) it edits that message instead.
 */
export async function tellOne(
  trx: Transaction<PlatformTables>,
  deps: Pick<HolderNoticeDeps, "translator">,
  botId: string,
  to: { telegramId: number; locale: Locale },
  notice: HolderNotice,
  dedupeKey: string,
  editing?: string,
): Promise<boolean> {
  const t = (key: string, args?: TranslationArgs) => deps.translator.translate(botId, to.locale, key, args);
  const message = await notice.render(to.locale, t);
  const markup = message.buttons === undefined ? {} : { reply_markup: { inline_keyboard: message.buttons } };
  if (editing !== undefined) {
    if (message.photo !== undefined || message.file !== undefined) throw new Error(`${dedupeKey}: an edit changes a message's text and buttons, not its file`);
    return enqueueOutbox(trx, {
      botId,
      chatId: to.telegramId,
      method: "editMessageText",
      payload: { chat_id: to.telegramId, message_id_of: editing, text: message.text, parse_mode: "HTML", ...markup },
      dedupeKey,
    });
  }
  const file = message.file ?? (message.photo === undefined ? undefined : { kind: "photo" as const, telegramFileId: message.photo });
  return enqueueOutbox(trx, {
    botId,
    chatId: to.telegramId,
    method: file === undefined ? "sendMessage" : SEND_METHOD_OF[file.kind],
    payload:
      file === undefined
        ? { chat_id: to.telegramId, text: message.text, parse_mode: "HTML", ...markup }
        : { chat_id: to.telegramId, [file.kind]: file.telegramFileId, caption: message.text, parse_mode: "HTML", ...markup },
    dedupeKey,
  });
}

/**
 * Queues `notice` through the outbox to every holder of `permission`, each in their language, in
 * the caller's transaction. Returns how many were told.
 */
export async function tellHolders(trx: Transaction<PlatformTables>, deps: HolderNoticeDeps, botId: string, permission: Permission, notice: HolderNotice): Promise<number> {
  const holders = await holdersOf(trx, deps, botId, permission);
  for (const holder of holders) await tellOne(trx, deps, botId, holder, notice, `${notice.dedupeKey}:to:${holder.telegramId}`);
  return holders.length;
}
