import type { Db } from "../tables.ts";

/** A service as a client chooses it: what it is, how long, for how much. */
export interface ServiceChoice {
  id: number;
  name: string;
  durationMin: number;
  priceMinor: number;
  currency: string;
  /** More than 1: a class that several clients join. */
  capacity: number;
}

/** A master a client may pick for a service, with the duration and price they do it for. */
export interface MasterChoice {
  id: number;
  name: string;
  durationMin: number;
  priceMinor: number;
}

/** The bot's active services that at least one active master offers, in the order they were added. */
export async function servicesToBook(db: Db, botId: string): Promise<ServiceChoice[]> {
  const rows = await db
    .selectFrom("booking_service")
    .select(["id", "name", "duration_min", "price_minor", "currency", "capacity"])
    .where("bot_id", "=", botId)
    .where("active", "=", true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("booking_master_service")
          .innerJoin("booking_master", "booking_master.id", "booking_master_service.master_id")
          .select("booking_master.id")
          .whereRef("booking_master_service.service_id", "=", "booking_service.id")
          .where("booking_master.active", "=", true),
      ),
    )
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    durationMin: row.duration_min,
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    capacity: row.capacity,
  }));
}

/** One active service of the bot, or undefined. */
export async function serviceToBook(db: Db, botId: string, serviceId: number): Promise<ServiceChoice | undefined> {
  return (await servicesToBook(db, botId)).find((service) => service.id === serviceId);
}

/** The active masters who offer the service, with their own duration and price where they have one. */
export async function mastersForService(db: Db, botId: string, serviceId: number): Promise<MasterChoice[]> {
  const rows = await db
    .selectFrom("booking_master_service")
    .innerJoin("booking_master", "booking_master.id", "booking_master_service.master_id")
    .innerJoin("booking_service", "booking_service.id", "booking_master_service.service_id")
    .select([
      "booking_master.id",
      "booking_master.display_name",
      "booking_service.duration_min",
      "booking_service.price_minor",
      "booking_master_service.duration_min as own_duration_min",
      "booking_master_service.price_minor as own_price_minor",
    ])
    .where("booking_master.bot_id", "=", botId)
    .where("booking_master.active", "=", true)
    .where("booking_service.id", "=", serviceId)
    .orderBy("booking_master.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.display_name,
    durationMin: row.own_duration_min ?? row.duration_min,
    priceMinor: Number(row.own_price_minor ?? row.price_minor),
  }));
}

/** The time zone of the location where the service is done (its first master's): "today" and the calendar are meant there. */
export async function timeZoneOfService(db: Db, botId: string, serviceId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom("booking_master_service")
    .innerJoin("booking_master", "booking_master.id", "booking_master_service.master_id")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select("booking_location.time_zone")
    .where("booking_master.bot_id", "=", botId)
    .where("booking_master_service.service_id", "=", serviceId)
    .where("booking_master.active", "=", true)
    .orderBy("booking_master.id")
    .executeTakeFirst();
  return row?.time_zone;
}
