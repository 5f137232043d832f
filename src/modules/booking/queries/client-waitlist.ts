import { sql } from "kysely";
import { instantToZoned, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { clientByTelegram } from "./clients.ts";
import { type Db } from "../tables.ts";

/** A client's place on the waitlist as they see it: what, with whom, which day and time, and an offer's hold. */
export interface ClientWaitlistEntry {
  id: number;
  status: "waiting" | "offered";
  serviceName: string;
  /** Null: any master. */
  masterName: string | null;
  date: PlainDate;
  /** Minutes after local midnight of the one slot wished for; null: any time that day. */
  timeMin: number | null;
  /** While offered: the slot held for them and until when. */
  offeredStart: Date | null;
  offerExpiresAt: Date | null;
  timeZone: string;
}

/**
 * A client's live waitlist entries (waiting, or holding an offer) for today and later at their
 * location, soonest day first. The location is the wished master's, or for "any master" that of
 * the masters who offer the service.
 */
export async function waitlistOfClient(db: Db, botId: string, telegramId: number, now: Date): Promise<ClientWaitlistEntry[]> {
  const client = await clientByTelegram(db, botId, telegramId);
  if (client === undefined) return [];
  const rows = await db
    .selectFrom("booking_waitlist")
    .innerJoin("booking_service", "booking_service.id", "booking_waitlist.service_id")
    .leftJoin("booking_master", "booking_master.id", "booking_waitlist.master_id")
    .leftJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select((eb) => [
      "booking_waitlist.id",
      "booking_waitlist.status",
      "booking_service.name as service_name",
      "booking_master.display_name as master_name",
      sql<string>`booking_waitlist.date::text`.as("date"),
      "booking_waitlist.time_min",
      "booking_waitlist.offered_start",
      "booking_waitlist.offer_expires_at",
      eb.fn
        .coalesce(
          "booking_location.time_zone",
          eb
            .selectFrom("booking_master_service")
            .innerJoin("booking_master as offering", "offering.id", "booking_master_service.master_id")
            .innerJoin("booking_location as place", "place.id", "offering.location_id")
            .select("place.time_zone")
            .whereRef("booking_master_service.service_id", "=", "booking_waitlist.service_id")
            .limit(1),
          sql<string>`'UTC'`,
        )
        .as("time_zone"),
    ])
    .where("booking_waitlist.bot_id", "=", botId)
    .where("booking_waitlist.client_id", "=", client.id)
    .where("booking_waitlist.status", "in", ["waiting", "offered"])
    .orderBy("booking_waitlist.date")
    .orderBy("booking_waitlist.id")
    .execute();
  return rows
    .filter((row) => row.date >= instantToZoned(now, row.time_zone).date)
    .map((row) => ({
      id: row.id,
      status: row.status as "waiting" | "offered",
      serviceName: row.service_name,
      masterName: row.master_name,
      date: row.date,
      timeMin: row.time_min,
      offeredStart: row.offered_start,
      offerExpiresAt: row.offer_expires_at,
      timeZone: row.time_zone,
    }));
}
