import type { Message } from "@grammyjs/types";
import { sql, type Kysely, type Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import type { Subject } from "./subject-thread.ts";

type Reader = Kysely<PlatformTables> | Transaction<PlatformTables>;

export type MessageThread = Subject & { threadId: number };

const columns = ["id", "module", "subject_type", "subject_id"] as const;

function subjectOf(row: { id: number; module: string; subject_type: string; subject_id: number }): MessageThread {
  return { threadId: row.id, module: row.module, type: row.subject_type, id: row.subject_id };
}

/**
 * The subject thread a group message belongs to: in a forum, the topic it was written in; in a
 * group without topics, the card it replies to, or any message the outbox sent into that thread
 * (a user's follow-up copied in). Undefined for a message outside every thread.
 */
export async function threadOfMessage(db: Reader, botId: string, message: Message): Promise<MessageThread | undefined> {
  const chatId = message.chat.id;
  if (message.is_topic_message === true && message.message_thread_id !== undefined) {
    const row = await db
      .selectFrom("subject_thread")
      .select(columns)
      .where("bot_id", "=", botId)
      .where("chat_id", "=", chatId)
      .where("kind", "=", "topic")
      .where("message_id", "=", message.message_thread_id)
      .executeTakeFirst();
    return row === undefined ? undefined : subjectOf(row);
  }
  const repliedTo = message.reply_to_message?.message_id;
  if (repliedTo === undefined) return undefined;
  const card = await db
    .selectFrom("subject_thread")
    .select(columns)
    .where("bot_id", "=", botId)
    .where("chat_id", "=", chatId)
    .where("kind", "=", "card")
    .where("message_id", "=", repliedTo)
    .executeTakeFirst();
  if (card !== undefined) return subjectOf(card);
  const inThread = await db
    .selectFrom("outbox")
    .innerJoin("subject_thread", (join) =>
      join.onRef("subject_thread.bot_id", "=", "outbox.bot_id").on("subject_thread.opening_key", "=", sql<string>`outbox.payload->>'thread_of'`),
    )
    .select(["subject_thread.id", "subject_thread.module", "subject_thread.subject_type", "subject_thread.subject_id"])
    .where("outbox.bot_id", "=", botId)
    .where("outbox.chat_id", "=", chatId)
    .where("outbox.message_id", "=", repliedTo)
    .where(sql<boolean>`outbox.payload ? 'thread_of'`)
    .executeTakeFirst();
  return inThread === undefined ? undefined : subjectOf(inThread);
}
