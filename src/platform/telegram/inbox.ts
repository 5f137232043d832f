import type { Update } from "@grammyjs/types";
import { sql, type Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { chatKeyOf } from "./chat-key.ts";

/**
 * Writes updates to the inbox before Telegram is told we have them. A redelivered update
 * (after a crash before the acknowledgement, or a webhook retry) is a no-op.
 */
export async function storeUpdates(db: Kysely<PlatformTables>, botId: string, updates: readonly Update[]): Promise<number> {
  if (updates.length === 0) return 0;
  const result = await db
    .insertInto("inbox")
    .values(
      updates.map((update) => ({
        bot_id: botId,
        update_id: update.update_id,
        chat_key: chatKeyOf(update),
        payload: JSON.stringify(update),
      })),
    )
    .onConflict((conflict) => conflict.columns(["bot_id", "update_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Deletes finished updates older than the retention. */
export async function pruneInbox(db: Kysely<PlatformTables>, retentionDays: number): Promise<number> {
  const result = await db
    .deleteFrom("inbox")
    .where("status", "in", ["done", "failed"])
    .where("finished_at", "<", sql<Date>`now() - make_interval(days => ${retentionDays})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
