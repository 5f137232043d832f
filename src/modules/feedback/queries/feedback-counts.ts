import { sql, type Kysely, type Transaction } from "kysely";
import type { FeedbackTables } from "../tables.ts";

type Reads = Kysely<FeedbackTables> | Transaction<FeedbackTables>;

/** How many of a bot's messages no reader has marked seen. */
export async function unseenCount(db: Reads, botId: string): Promise<number> {
  const row = await db.selectFrom("feedback").select((eb) => eb.fn.countAll<string>().as("count")).where("bot_id", "=", botId).where("seen_at", "is", null).executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Messages a bot received since the start of this week (Monday, in the bot's time zone). */
export async function receivedThisWeek(db: Reads, botId: string, now: Date, timeZone: string): Promise<number> {
  const weekStart = sql<Date>`(date_trunc('week', ${now}::timestamptz at time zone ${timeZone}) at time zone ${timeZone})`;
  const row = await db.selectFrom("feedback").select((eb) => eb.fn.countAll<string>().as("count")).where("bot_id", "=", botId).where("created_at", ">=", weekStart).executeTakeFirst();
  return Number(row?.count ?? 0);
}
