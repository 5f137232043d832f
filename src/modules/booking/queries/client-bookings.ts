import type { BookingStatus } from "../domain/status.ts";
import { clientByTelegram } from "./clients.ts";
import { type Db } from "../tables.ts";

/** How many past or cancelled bookings "My bookings" shows under the upcoming ones. */
export const RECENT_BOOKINGS = 5;

/** A booking as its client sees it in "My bookings": what, with whom, where and when. */
export interface ClientBooking {
  id: number;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  serviceId: number;
  serviceName: string;
  masterId: number;
  masterName: string;
  address: string | null;
  timeZone: string;
  priceMinor: number;
  currency: string;
  rescheduleCount: number;
  sequence: number;
  updatedAt: string;
}

function bookingsQuery(db: Db, botId: string) {
  return db
    .selectFrom("booking")
    .innerJoin("booking_service", "booking_service.id", "booking.service_id")
    .innerJoin("booking_master", "booking_master.id", "booking.master_id")
    .innerJoin("booking_location", "booking_location.id", "booking.location_id")
    .innerJoin("booking_client", "booking_client.id", "booking.client_id")
    .select([
      "booking.id",
      "booking.status",
      "booking.starts_at",
      "booking.ends_at",
      "booking.service_id",
      "booking_service.name as service_name",
      "booking.master_id",
      "booking_master.display_name as master_name",
      "booking_location.address",
      "booking_location.time_zone",
      "booking.price_minor",
      "booking.currency",
      "booking.reschedule_count",
      "booking.sequence",
      "booking.updated_at",
    ])
    .where("booking.bot_id", "=", botId);
}

type Row = Awaited<ReturnType<ReturnType<typeof bookingsQuery>["execute"]>>[number];

function clientBookingOf(row: Row): ClientBooking {
  return {
    id: row.id,
    status: row.status,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    serviceId: row.service_id,
    serviceName: row.service_name,
    masterId: row.master_id,
    masterName: row.master_name,
    address: row.address,
    timeZone: row.time_zone,
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    rescheduleCount: row.reschedule_count,
    sequence: row.sequence,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * A client's bookings: those still to come (pending or confirmed, soonest first) and the most
 * recent others (past, done, cancelled; latest first).
 */
export async function bookingsOfClient(db: Db, botId: string, telegramId: number, now: Date): Promise<{ upcoming: ClientBooking[]; recent: ClientBooking[] }> {
  const client = await clientByTelegram(db, botId, telegramId);
  if (client === undefined) return { upcoming: [], recent: [] };
  const upcoming = await bookingsQuery(db, botId)
    .where("booking.client_id", "=", client.id)
    .where("booking.status", "in", ["pending", "confirmed"])
    .where("booking.ends_at", ">", now)
    .orderBy("booking.starts_at")
    .execute();
  const recent = await bookingsQuery(db, botId)
    .where("booking.client_id", "=", client.id)
    .where((eb) => eb.or([eb("booking.status", "not in", ["pending", "confirmed"]), eb("booking.ends_at", "<=", now)]))
    .orderBy("booking.starts_at", "desc")
    .limit(RECENT_BOOKINGS)
    .execute();
  return { upcoming: upcoming.map(clientBookingOf), recent: recent.map(clientBookingOf) };
}

/** One booking of this client (by Telegram id), or undefined when it is not theirs. */
export async function bookingOfClient(db: Db, botId: string, telegramId: number, bookingId: number): Promise<ClientBooking | undefined> {
  const row = await bookingsQuery(db, botId).where("booking.id", "=", bookingId).where("booking_client.telegram_id", "=", telegramId).executeTakeFirst();
  return row === undefined ? undefined : clientBookingOf(row);
}

/** The name and phone a client gave before, so the bot does not ask again. */
export async function clientProfile(db: Db, botId: string, telegramId: number): Promise<{ name: string; phone: string | null } | undefined> {
  const client = await clientByTelegram(db, botId, telegramId);
  return client === undefined ? undefined : { name: client.name, phone: client.phone };
}
