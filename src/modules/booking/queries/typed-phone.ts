import { normalizePhone } from "../../../platform/domain/phone.ts";
import { countryOfTimeZone } from "../../../platform/domain/zoned-time.ts";
import type { Db } from "../tables.ts";

/** Whose country a national number is read in: a master's location, or the salon's first location (open ones first). */
export type PhoneCountry = { masterId: number } | "salon";

/**
 * A phone as staff typed it, in E.164, or undefined when it is not one: a national number
 * ("0151 2345678") is read in the country of the location `at` names (by its time zone), an
 * international one anywhere.
 */
export async function typedPhone(db: Db, botId: string, at: PhoneCountry, typed: string): Promise<string | undefined> {
  const location =
    at === "salon"
      ? await db.selectFrom("booking_location").select("time_zone").where("bot_id", "=", botId).orderBy("active", "desc").orderBy("id").executeTakeFirst()
      : await db
          .selectFrom("booking_master")
          .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
          .select("booking_location.time_zone")
          .where("booking_master.bot_id", "=", botId)
          .where("booking_master.id", "=", at.masterId)
          .executeTakeFirst();
  return normalizePhone(typed, location === undefined ? undefined : countryOfTimeZone(location.time_zone));
}
