import type { Update } from "@grammyjs/types";
import { sql, type Kysely } from "kysely";
import type { InboxRow, PlatformTables } from "../db/schema.ts";

/** One update as the inbox keeps it: to be handled, or quarantined (never handled) with the reason. */
export interface InboxEntry {
  update_id: number;
  chat_key: string;
  /** The update as JSON text: `JSON.stringify` escapes NUL and lone surrogates, so it round-trips exactly. */
  payload: string;
  quarantined?: string;
}

/** The chat key of quarantined updates: they are finished on arrival and never queue behind anything. */
export const QUARANTINE_CHAT_KEY = "quarantine";

/**
 * Writes updates to the inbox before Telegram is told we have them. A redelivered update
 * (after a crash before the acknowledgement, or a webhook retry) is a no-op.
 */
export async function storeUpdates(db: Kysely<PlatformTables>, botId: string, entries: readonly InboxEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const result = await db
    .insertInto("inbox")
    .values(
      entries.map((entry) => ({
        bot_id: botId,
        update_id: entry.update_id,
        chat_key: entry.chat_key,
        payload: entry.payload,
        ...(entry.quarantined === undefined ? {} : { status: "failed" as const, error: entry.quarantined, finished_at: sql<Date>`now()` }),
      })),
    )
    .onConflict((conflict) => conflict.columns(["bot_id", "update_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The update of an inbox row, exactly as Telegram sent it. */
export function readPayload(row: Pick<InboxRow, "payload">): Update {
  return JSON.parse(row.payload) as Update;
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
