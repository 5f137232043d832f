import type { User } from "@grammyjs/types";
import type { Transaction } from "kysely";
import type { PlatformTables } from "../../platform/db/schema.ts";
import type { Translator } from "../../platform/i18n/translator.ts";
import { chooseLocale } from "../../platform/telegram/create-bot.ts";
import { enqueueOutbox } from "../../platform/telegram/outbox.ts";
import { authorLine, escapeHtml, type FeedbackDraft } from "./domain/feedback.ts";
import type { FeedbackTables } from "./repo.ts";

type Trx = Transaction<PlatformTables & FeedbackTables>;

/** Roles whose holders receive what people write. */
export const FEEDBACK_READERS = ["owner", "admin"] as const;

/**
 * Stores a person's message and queues a notice to every owner and admin, in their own language.
 * The dedupe keys name the message and the reader, so a retry queues nothing twice.
 */
export async function sendFeedback(
  trx: Trx,
  translator: Translator,
  input: { botId: string; languages: readonly string[]; author: User; draft: FeedbackDraft },
): Promise<{ id: number; notified: number }> {
  const { botId, author, draft } = input;
  const { id } = await trx
    .insertInto("feedback")
    .values({ bot_id: botId, author_id: author.id, text: draft.text, photo_file_id: draft.photo })
    .returning("id")
    .executeTakeFirstOrThrow();

  const readers = await trx
    .selectFrom("role")
    .leftJoin("person", "person.telegram_id", "role.telegram_id")
    .leftJoin("bot_member", (join) =>
      join.onRef("bot_member.bot_id", "=", "role.bot_id").onRef("bot_member.telegram_id", "=", "role.telegram_id"),
    )
    .select(["role.telegram_id", "bot_member.language", "person.language_code"])
    .distinct()
    .where("role.bot_id", "=", botId)
    .where("role.role", "in", [...FEEDBACK_READERS])
    .execute();

  for (const reader of readers) {
    const locale = chooseLocale(reader.language, reader.language_code ?? undefined, input.languages);
    const text = translator.translate(botId, locale, "feedback-staff-notice", {
      author: authorLine(author),
      text: escapeHtml(draft.text),
    });
    await enqueueOutbox(trx, {
      botId,
      chatId: reader.telegram_id,
      method: draft.photo === null ? "sendMessage" : "sendPhoto",
      payload:
        draft.photo === null
          ? { chat_id: reader.telegram_id, text, parse_mode: "HTML" }
          : { chat_id: reader.telegram_id, photo: draft.photo, caption: text, parse_mode: "HTML" },
      dedupeKey: `feedback:${id}:to:${reader.telegram_id}`,
    });
  }
  return { id, notified: readers.length };
}
