import type { Db } from "../tables.ts";

/** A location of the salon as staff pick it: its name, address, zone and whether it is open. */
export interface SalonLocation {
  id: number;
  name: string;
  address: string | null;
  timeZone: string;
  active: boolean;
}

/** Every location of the bot, open or closed, in the order they were opened. */
export async function locationsOfBot(db: Db, botId: string): Promise<SalonLocation[]> {
  return db
    .selectFrom("booking_location")
    .select(["id", "name", "address", "time_zone as timeZone", "active"])
    .where("bot_id", "=", botId)
    .orderBy("id")
    .execute();
}

/** The IANA zone of a location, where its visits' times are shown. */
export async function timeZoneOfLocation(db: Db, locationId: number): Promise<string | undefined> {
  const row = await db.selectFrom("booking_location").select("time_zone").where("id", "=", locationId).executeTakeFirst();
  return row?.time_zone;
}

/** The address of the location a master works at, for the summary a client confirms. */
export async function addressOfMaster(db: Db, masterId: number): Promise<string | null | undefined> {
  const row = await db
    .selectFrom("booking_master")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select("booking_location.address")
    .where("booking_master.id", "=", masterId)
    .executeTakeFirst();
  return row?.address;
}
