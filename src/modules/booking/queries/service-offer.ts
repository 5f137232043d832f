import { sql } from "kysely";
import type { MasterSchedule, DateRange } from "../domain/schedule.ts";
import type { Db } from "../tables.ts";
import { holidaysColumn, offeringFrom, offeringsQuery, scheduleColumns, scheduleFrom, type MasterOffering } from "./offerings.ts";
import { botRulesFrom, type BookingRulesRow, type BotBookingRules } from "./rules.ts";

/** What the booking engine knows of a service before it reads a single occupancy. */
export interface ServiceOffer {
  bot: BotBookingRules;
  holidays: DateRange[];
  /** Every master who offers the service (active or not), by master id, with their schedule. */
  offerings: (MasterOffering & { schedule: MasterSchedule })[];
}

/**
 * The bot's rules and holidays and every offering of the service with its master's schedule, in
 * one statement (a calendar is shown on every press, and each statement costs a round trip).
 * Undefined when nobody offers the service.
 */
export async function serviceOffer(db: Db, botId: string, serviceId: number): Promise<ServiceOffer | undefined> {
  const rows = await offeringsQuery(db, botId)
    .select([
      ...scheduleColumns("booking_master.id"),
      holidaysColumn(botId),
      sql<BookingRulesRow | null>`(select to_json(booking_rules) from booking_rules where bot_id = ${botId})`.as("rules"),
    ])
    .where("booking_service.id", "=", serviceId)
    .orderBy("booking_master.id")
    .execute();
  const first = rows[0];
  if (first === undefined) return undefined;
  const bot = botRulesFrom(first.rules);
  return {
    bot,
    holidays: first.holidays,
    offerings: rows.map((row) => ({ ...offeringFrom(row, bot.holdMin), schedule: scheduleFrom(row.master_id, row) })),
  };
}
