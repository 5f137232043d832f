import { sql } from "kysely";
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { WorkingInterval } from "../domain/schedule.ts";
import type { Db } from "../tables.ts";

/** The time off in place from a day on: days off, holidays, days with their own hours and blocks, each as staff read it. */
export interface TimeOffList {
  daysOff: { id: number; masterId: number; masterName: string; from: PlainDate; to: PlainDate; reason: string | null }[];
  holidays: { id: number; from: PlainDate; to: PlainDate; name: string | null }[];
  dayHours: { masterId: number; masterName: string; date: PlainDate; intervals: WorkingInterval[] }[];
  blocks: { id: number; masterId: number; masterName: string; start: string; end: string; reason: string | null }[];
}

/** What is in place (not removed) and not over: days ending on or after `today`, blocks ending after `now`. */
export async function timeOffFrom(db: Db, botId: string, today: PlainDate, now: Date): Promise<TimeOffList> {
  const [daysOff, holidays, dayHours, blocks] = await Promise.all([
    db
      .selectFrom("booking_day_off")
      .innerJoin("booking_master", "booking_master.id", "booking_day_off.master_id")
      .select(["booking_day_off.id", "booking_master.id as master_id", "booking_master.display_name", sql<string>`from_date::text`.as("from"), sql<string>`to_date::text`.as("to"), "reason"])
      .where("booking_master.bot_id", "=", botId)
      .where("booking_day_off.removed_at", "is", null)
      .where(sql<boolean>`to_date >= ${today}::date`)
      .orderBy("from_date")
      .orderBy("booking_day_off.id")
      .execute(),
    db
      .selectFrom("booking_holiday")
      .select(["id", sql<string>`from_date::text`.as("from"), sql<string>`to_date::text`.as("to"), "name"])
      .where("bot_id", "=", botId)
      .where("removed_at", "is", null)
      .where(sql<boolean>`to_date >= ${today}::date`)
      .orderBy("from_date")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("booking_date_override")
      .innerJoin("booking_master", "booking_master.id", "booking_date_override.master_id")
      .select(["booking_master.id as master_id", "booking_master.display_name", sql<string>`date::text`.as("date"), "intervals"])
      .where("booking_master.bot_id", "=", botId)
      .where("booking_date_override.removed_at", "is", null)
      .where(sql<boolean>`date >= ${today}::date`)
      .orderBy("date")
      .orderBy("booking_master.id")
      .execute(),
    db
      .selectFrom("booking_occupancy")
      .innerJoin("booking_master", "booking_master.id", "booking_occupancy.master_id")
      .select(["booking_occupancy.id", "booking_master.id as master_id", "booking_master.display_name", sql<Date>`lower(during)`.as("start"), sql<Date>`upper(during)`.as("end"), "reason"])
      .where("booking_occupancy.bot_id", "=", botId)
      .where("booking_occupancy.kind", "=", "block")
      .where("booking_occupancy.active", "=", true)
      .where(sql<boolean>`upper(during) > ${now}`)
      .orderBy(sql`lower(during)`)
      .execute(),
  ]);
  return {
    daysOff: daysOff.map((row) => ({ id: row.id, masterId: row.master_id, masterName: row.display_name, from: row.from, to: row.to, reason: row.reason })),
    holidays: holidays.map((row) => ({ id: row.id, from: row.from, to: row.to, name: row.name })),
    dayHours: dayHours.map((row) => ({ masterId: row.master_id, masterName: row.display_name, date: row.date, intervals: row.intervals })),
    blocks: blocks.map((row) => ({
      id: row.id,
      masterId: row.master_id,
      masterName: row.display_name,
      start: new Date(row.start).toISOString(),
      end: new Date(row.end).toISOString(),
      reason: row.reason,
    })),
  };
}

/** A block of a master's time as a calendar draws it. */
export interface CalendarBlock {
  id: number;
  masterId: number;
  start: string;
  end: string;
  reason: string | null;
}

/** The live blocks of these masters that touch `range`, earliest first. */
export async function blocksBetween(db: Db, masterIds: readonly number[], range: { start: Date; end: Date }): Promise<CalendarBlock[]> {
  if (masterIds.length === 0) return [];
  const rows = await db
    .selectFrom("booking_occupancy")
    .select(["id", "master_id", sql<Date>`lower(during)`.as("start"), sql<Date>`upper(during)`.as("end"), "reason"])
    .where("master_id", "in", [...masterIds])
    .where("kind", "=", "block")
    .where("active", "=", true)
    .where(sql<boolean>`during && tstzrange(${range.start}, ${range.end}, '[)')`)
    .orderBy(sql`lower(during)`)
    .execute();
  return rows.map((row) => ({ id: row.id, masterId: row.master_id, start: new Date(row.start).toISOString(), end: new Date(row.end).toISOString(), reason: row.reason }));
}
