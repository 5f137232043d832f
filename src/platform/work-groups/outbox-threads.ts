import type { Kysely, Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";

/**
 * How the outbox sender knows subject threads (see subject-thread.ts). Two markers in a row's
 * payload, never sent to Telegram:
 * - `opens_thread: true` on the call that opens a thread (createForumTopic, or the card in a
 *   group without topics): when Telegram answers, the topic's id or the card's message id is
 *   stored against the subject, in the transaction that marks the row sent;
 * - `thread_of: <opening key>` on a call into a thread: at send time it becomes the topic's
 *   `message_thread_id`, or a reply to the card. The outbox sends a chat's rows in order, so the
 *   opening call has been answered by then; if it failed, the call fails with it.
 */
export const OPENS_THREAD = "opens_thread";
export const THREAD_OF = "thread_of";

type Reader = Kysely<PlatformTables> | Transaction<PlatformTables>;

export class ThreadNotOpenError extends Error {
  override name = "ThreadNotOpenError";
}

/** The payload Telegram gets: markers taken out, the thread's address filled in. Throws ThreadNotOpenError when the thread never opened. */
export async function resolveThread(db: Reader, botId: string, payload: Record<string, unknown>): Promise<{ payload: Record<string, unknown>; opensThread: boolean }> {
  const { [OPENS_THREAD]: opens, [THREAD_OF]: openingKey, ...rest } = payload;
  if (typeof openingKey !== "string") return { payload: rest, opensThread: opens === true };
  const thread = await db.selectFrom("subject_thread").select(["kind", "message_id"]).where("bot_id", "=", botId).where("opening_key", "=", openingKey).executeTakeFirst();
  if (thread?.message_id == null) throw new ThreadNotOpenError(`thread ${openingKey} was never opened`);
  if (thread.kind === "topic") return { payload: { ...rest, message_thread_id: thread.message_id }, opensThread: opens === true };
  const reply = rest.reply_parameters ?? { message_id: thread.message_id, allow_sending_without_reply: true };
  return { payload: { ...rest, reply_parameters: reply }, opensThread: opens === true };
}

/** Whether a payload carries either marker (the sender resolves only those). */
export function mentionsThread(payload: Record<string, unknown>): boolean {
  return OPENS_THREAD in payload || THREAD_OF in payload;
}

/** Stores the id Telegram gave a thread's opening call (a ForumTopic's message_thread_id, or the card's message_id). */
export async function recordThreadOpened(trx: Transaction<PlatformTables>, botId: string, openingKey: string, result: unknown): Promise<void> {
  if (typeof result !== "object" || result === null) return;
  const id = "message_thread_id" in result && typeof result.message_thread_id === "number" ? result.message_thread_id : "message_id" in result && typeof result.message_id === "number" ? result.message_id : null;
  if (id === null) return;
  await trx.updateTable("subject_thread").set({ message_id: id }).where("bot_id", "=", botId).where("opening_key", "=", openingKey).execute();
}
