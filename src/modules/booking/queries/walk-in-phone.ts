import { normalizePhone } from "../../../platform/domain/phone.ts";
import { countryOfTimeZone } from "../../../platform/domain/zoned-time.ts";
import type { Db } from "../tables.ts";

/**
 * A walk-in's phone as staff typed it, in E.164, or undefined when it is not one: a national
 * number ("0151 2345678") is read in the country of the master's location (by its time zone),
 * an international one anywhere.
 */
export async function walkInPhone(db: Db, botId: string, masterId: number, typed: string): Promise<string | undefined> {
  const location = await db
    .selectFrom("booking_master")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select("booking_location.time_zone")
    .where("booking_master.bot_id", "=", botId)
    .where("booking_master.id", "=", masterId)
    .executeTakeFirst();
  return normalizePhone(typed, location === undefined ? undefined : countryOfTimeZone(location.time_zone));
}
