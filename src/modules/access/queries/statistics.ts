import { sql } from "kysely";
import type { RequestStatus } from "../domain/request.ts";
import type { Reads } from "./reads.ts";

/** The live figures of the admin menu and the panel's dashboard. */
export interface AccessStatistics {
  people: { total: number; staff: number; blocked: number; applicants: number };
  requests: { pending: number; postponed: number; approvedToday: number; rejectedToday: number };
  activeSessions: number;
  today: { updates: number; activePeople: number };
}

/**
 * Figures from the database: people by status, requests waiting, live web sessions, and today's
 * updates and active people ("today" in the bot's time zone).
 */
export async function accessStatistics(db: Reads, botId: string, options: { timeZone?: string; now?: Date } = {}): Promise<AccessStatistics> {
  const now = options.now ?? new Date();
  const dayStart = sql<Date>`(date_trunc('day', ${now}::timestamptz at time zone ${options.timeZone ?? "UTC"}) at time zone ${options.timeZone ?? "UTC"})`;
  const count = (value: { count: string | number | bigint } | undefined) => Number(value?.count ?? 0);
  const total = await db.selectFrom("bot_member").select((eb) => eb.fn.countAll<string>().as("count")).where("bot_id", "=", botId).executeTakeFirst();
  const staff = await db.selectFrom("role").select((eb) => eb.fn.count<string>("telegram_id").distinct().as("count")).where("bot_id", "=", botId).executeTakeFirst();
  const blocked = await db.selectFrom("access_block").select((eb) => eb.fn.countAll<string>().as("count")).where("bot_id", "=", botId).executeTakeFirst();
  const byStatus = await db
    .selectFrom("access_request")
    .select(["status", (eb) => eb.fn.countAll<string>().as("count")])
    .where("bot_id", "=", botId)
    .where((eb) => eb.or([eb("status", "in", ["pending", "postponed"]), eb("decided_at", ">=", dayStart)]))
    .groupBy("status")
    .execute();
  const ofStatus = (status: RequestStatus) => count(byStatus.find((row) => row.status === status));
  const sessions = await db
    .selectFrom("web_session")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("ended_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  const updates = await db
    .selectFrom("inbox")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("received_at", ">=", dayStart)
    .executeTakeFirst();
  const active = await db
    .selectFrom("bot_member")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("last_seen_at", ">=", dayStart)
    .executeTakeFirst();
  return {
    people: { total: count(total), staff: count(staff), blocked: count(blocked), applicants: ofStatus("pending") + ofStatus("postponed") },
    requests: { pending: ofStatus("pending"), postponed: ofStatus("postponed"), approvedToday: ofStatus("approved"), rejectedToday: ofStatus("rejected") },
    activeSessions: count(sessions),
    today: { updates: count(updates), activePeople: count(active) },
  };
}
