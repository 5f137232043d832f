import type { Kysely, Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { updateScope } from "./update-journal.ts";

export interface OutboxMessage {
  botId: string;
  chatId: number;
  /** Any Bot API method: sendMessage, sendPhoto, editMessageText, setMyCommands, ... */
  method: string;
  /**
   * The method's parameters. An edit of a message this outbox sent (an admin's approval card)
   * may give `message_id_of: <that message's dedupe key>` instead of `message_id`; the sender
   * fills it in, since the message may not have been sent yet when the edit is queued.
   */
  payload: Record<string, unknown>;
  /** From what the message is about (`feedback:42:to:1001`), never random: a retry queues nothing twice. */
  dedupeKey: string;
  notBefore?: Date;
  /** Bulk messages (broadcasts) are sent after everything else that is due. */
  bulk?: { broadcastId: number };
}

/**
 * Queues a Bot API call in the caller's transaction, so it is sent if and only if the
 * transaction commits. Returns false when a message with the same dedupe key was queued before.
 */
export async function enqueueOutbox(db: Kysely<PlatformTables> | Transaction<PlatformTables>, message: OutboxMessage): Promise<boolean> {
  const result = await db
    .insertInto("outbox")
    .values({
      bot_id: message.botId,
      chat_id: message.chatId,
      method: message.method,
      payload: JSON.stringify(message.payload),
      dedupe_key: message.dedupeKey,
      ...(message.notBefore === undefined ? {} : { not_before: message.notBefore }),
      ...(message.bulk === undefined ? {} : { priority: 1, broadcast_id: message.bulk.broadcastId }),
    })
    .onConflict((conflict) => conflict.columns(["bot_id", "dedupe_key"]).doNothing())
    .executeTakeFirst();
  const queued = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  // Queued while handling an update: the dispatcher wakes the sender when the update is done.
  if (queued) updateScope.getStore()?.journal.noteQueued();
  return queued;
}
