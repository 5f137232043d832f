import type { Kysely, Selectable, Transaction } from "kysely";
import type { BroadcastTable, OutboxStatus, PlatformTables } from "../db/schema.ts";
import type { ComposedMessage } from "./domain/draft.ts";

type Db = Kysely<PlatformTables> | Transaction<PlatformTables>;
export type Broadcast = Selectable<BroadcastTable>;

/** Outbox rows inserted per statement when delivery is queued. */
const QUEUE_CHUNK = 500;

/** The dedupe key of one person's copy: a re-run of delivery queues nobody twice. */
export function deliveryKey(broadcastId: number, telegramId: number): string {
  return `broadcast:${broadcastId}:to:${telegramId}`;
}

export async function insertBroadcast(
  trx: Db,
  values: {
    botId: string;
    createdBy: number | null;
    text: string;
    photo: string | null;
    buttons: unknown[];
    segment: string;
    params: Record<string, unknown>;
    sendAt: Date;
  },
): Promise<Broadcast> {
  return trx
    .insertInto("broadcast")
    .values({
      bot_id: values.botId,
      created_by: values.createdBy,
      text: values.text,
      photo: values.photo,
      buttons: JSON.stringify(values.buttons),
      segment: values.segment,
      segment_params: JSON.stringify(values.params),
      send_at: values.sendAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A broadcast of the bot, locked for the rest of the transaction (delivery and cancel take turns). */
export async function lockBroadcast(trx: Transaction<PlatformTables>, botId: string, id: number): Promise<Broadcast | undefined> {
  return trx.selectFrom("broadcast").selectAll().where("bot_id", "=", botId).where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function findBroadcast(db: Db, botId: string, id: number): Promise<Broadcast | undefined> {
  return db.selectFrom("broadcast").selectAll().where("bot_id", "=", botId).where("id", "=", id).executeTakeFirst();
}

/** The bot's latest broadcasts, newest first. */
export async function listBroadcasts(db: Db, botId: string, limit: number): Promise<Broadcast[]> {
  return db.selectFrom("broadcast").selectAll().where("bot_id", "=", botId).orderBy("id", "desc").limit(limit).execute();
}

export async function updateBroadcast(
  trx: Db,
  id: number,
  set: Partial<{ status: Broadcast["status"]; audience: number; started_at: Date; finished_at: Date }>,
): Promise<Broadcast> {
  return trx.updateTable("broadcast").set(set).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

/**
 * One bulk-priority outbox row per recipient. Rows already queued by an earlier, interrupted run
 * are left as they are (same dedupe key), so a re-run sends nobody a second copy.
 */
export async function queueDeliveries(
  trx: Db,
  broadcast: { id: number; bot_id: string },
  recipients: readonly number[],
  compose: (chatId: number) => ComposedMessage,
): Promise<number> {
  let queued = 0;
  for (let start = 0; start < recipients.length; start += QUEUE_CHUNK) {
    const rows = recipients.slice(start, start + QUEUE_CHUNK).map((chatId) => {
      const message = compose(chatId);
      return {
        bot_id: broadcast.bot_id,
        chat_id: chatId,
        method: message.method,
        payload: JSON.stringify(message.payload),
        dedupe_key: deliveryKey(broadcast.id, chatId),
        priority: 1,
        broadcast_id: broadcast.id,
      };
    });
    const result = await trx
      .insertInto("outbox")
      .values(rows)
      .onConflict((conflict) => conflict.columns(["bot_id", "dedupe_key"]).doNothing())
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}

/** Takes the broadcast's messages that are still waiting out of the queue; returns how many. */
export async function withdrawPending(trx: Db, broadcastId: number): Promise<number> {
  const result = await trx.deleteFrom("outbox").where("broadcast_id", "=", broadcastId).where("status", "=", "pending").executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether any of the broadcast's messages is still waiting or in flight. */
export async function hasUndelivered(db: Db, broadcastId: number): Promise<boolean> {
  const row = await db
    .selectFrom("outbox")
    .select("id")
    .where("broadcast_id", "=", broadcastId)
    .where("status", "in", ["pending", "sending"])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Outbox rows per broadcast and status, for reports. */
export async function deliveryCounts(db: Db, broadcastIds: readonly number[]): Promise<Map<number, { status: OutboxStatus; count: number }[]>> {
  const counts = new Map<number, { status: OutboxStatus; count: number }[]>();
  if (broadcastIds.length === 0) return counts;
  const rows = await db
    .selectFrom("outbox")
    .select((eb) => ["broadcast_id", "status", eb.fn.countAll<string>().as("count")])
    .where("broadcast_id", "in", [...broadcastIds])
    .groupBy(["broadcast_id", "status"])
    .execute();
  for (const row of rows) {
    if (row.broadcast_id === null) continue;
    const id = Number(row.broadcast_id);
    counts.set(id, [...(counts.get(id) ?? []), { status: row.status, count: Number(row.count) }]);
  }
  return counts;
}

/** How many of these people have blocked the bot. */
export async function countBlocked(db: Db, botId: string, telegramIds: readonly number[]): Promise<number> {
  let blocked = 0;
  for (let start = 0; start < telegramIds.length; start += QUEUE_CHUNK) {
    const row = await db
      .selectFrom("bot_member")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("bot_id", "=", botId)
      .where("telegram_id", "in", telegramIds.slice(start, start + QUEUE_CHUNK))
      .where("blocked_at", "is not", null)
      .executeTakeFirstOrThrow();
    blocked += Number(row.count);
  }
  return blocked;
}
