import { addDays, daysBetween, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { workingHoursOn, type WorkingInterval } from "../domain/schedule.ts";
import type { BookingStatus, CancelledBy } from "../domain/status.ts";
import { holidaysOf, schedulesOf } from "./offerings.ts";
import { type Db } from "../tables.ts";

/** A booking as staff see it on a calendar: who comes, for what, to whom, when, and where it stands. */
export interface StaffBooking {
  id: number;
  status: BookingStatus;
  cancelledBy: CancelledBy | null;
  startsAt: string;
  endsAt: string;
  masterId: number;
  masterName: string;
  serviceId: number;
  serviceName: string;
  clientId: number;
  clientName: string;
  /** E.164, or null for a client who never shared one. */
  clientPhone: string | null;
  locationId: number;
  timeZone: string;
  address: string | null;
  priceMinor: number;
  currency: string;
  sequence: number;
  updatedAt: string;
}

/** A master as staff pick them: where they work and whether their Telegram account is linked. */
export interface StaffMaster {
  id: number;
  name: string;
  locationId: number;
  timeZone: string;
  active: boolean;
  telegramId: number | null;
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
      "booking.cancelled_by",
      "booking.starts_at",
      "booking.ends_at",
      "booking.master_id",
      "booking_master.display_name as master_name",
      "booking.service_id",
      "booking_service.name as service_name",
      "booking.client_id",
      "booking_client.name as client_name",
      "booking_client.phone as client_phone",
      "booking.location_id",
      "booking_location.time_zone",
      "booking_location.address",
      "booking.price_minor",
      "booking.currency",
      "booking.sequence",
      "booking.updated_at",
    ])
    .where("booking.bot_id", "=", botId);
}

type Row = Awaited<ReturnType<ReturnType<typeof bookingsQuery>["execute"]>>[number];

function staffBookingOf(row: Row): StaffBooking {
  return {
    id: row.id,
    status: row.status,
    cancelledBy: row.cancelled_by,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    masterId: row.master_id,
    masterName: row.master_name,
    serviceId: row.service_id,
    serviceName: row.service_name,
    clientId: row.client_id,
    clientName: row.client_name,
    clientPhone: row.client_phone,
    locationId: row.location_id,
    timeZone: row.time_zone,
    address: row.address,
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    sequence: row.sequence,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The bot's bookings starting in `range` (start included, end excluded), earliest first; of one
 * master when `masterId` is given. Cancelled ones only with `withCancelled`: a calendar shows
 * what is coming, a feed must also tell apps what was called off.
 */
export async function bookingsBetween(
  db: Db,
  botId: string,
  range: { start: Date; end: Date },
  filter: { masterId?: number; withCancelled?: boolean } = {},
): Promise<StaffBooking[]> {
  let query = bookingsQuery(db, botId).where("booking.starts_at", ">=", range.start).where("booking.starts_at", "<", range.end);
  if (filter.masterId !== undefined) query = query.where("booking.master_id", "=", filter.masterId);
  if (filter.withCancelled !== true) query = query.where("booking.status", "!=", "cancelled");
  const rows = await query.orderBy("booking.starts_at").orderBy("booking.id").execute();
  return rows.map(staffBookingOf);
}

/** One booking of the bot as staff see it, or undefined. */
export async function staffBooking(db: Db, botId: string, bookingId: number): Promise<StaffBooking | undefined> {
  const row = await bookingsQuery(db, botId).where("booking.id", "=", bookingId).executeTakeFirst();
  return row === undefined ? undefined : staffBookingOf(row);
}

/** Every master of the bot (active first, then by id), with their location's zone. */
export async function mastersOfBot(db: Db, botId: string): Promise<StaffMaster[]> {
  const rows = await db
    .selectFrom("booking_master")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select(["booking_master.id", "booking_master.display_name", "booking_master.location_id", "booking_location.time_zone", "booking_master.active", "booking_master.telegram_id"])
    .where("booking_master.bot_id", "=", botId)
    .orderBy("booking_master.active", "desc")
    .orderBy("booking_master.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.display_name,
    locationId: row.location_id,
    timeZone: row.time_zone,
    active: row.active,
    telegramId: row.telegram_id === null ? null : Number(row.telegram_id),
  }));
}

/** The active master record linked to this Telegram account in this bot, if there is one. */
export async function masterOfPerson(db: Db, botId: string, telegramId: number): Promise<StaffMaster | undefined> {
  return (await mastersOfBot(db, botId)).find((master) => master.active && master.telegramId === telegramId);
}

/** One master's working hours on one day, as minutes after local midnight; empty when they do not work. */
export interface WorkingDay {
  masterId: number;
  date: PlainDate;
  intervals: readonly WorkingInterval[];
}

/** The working hours of these masters on every day from `from` to `to` (both included), holidays and days off applied. */
export async function workingDays(db: Db, botId: string, masterIds: readonly number[], from: PlainDate, to: PlainDate): Promise<WorkingDay[]> {
  const [schedules, holidays] = [await schedulesOf(db, masterIds), await holidaysOf(db, botId)];
  const days: WorkingDay[] = [];
  for (let offset = 0; offset <= daysBetween(from, to); offset++) {
    const date = addDays(from, offset);
    for (const masterId of masterIds) {
      const schedule = schedules.get(masterId);
      days.push({ masterId, date, intervals: schedule === undefined ? [] : workingHoursOn(schedule, holidays, date) });
    }
  }
  return days;
}

/**
 * What a master's calendar feed holds: their bookings from `since` on, the cancelled ones only
 * when they were called off after `since` (so a calendar app that fetched the feed before
 * learns they are off, and old cancellations do not pile up).
 */
export async function feedBookings(db: Db, botId: string, masterId: number, since: Date): Promise<StaffBooking[]> {
  const rows = await bookingsQuery(db, botId)
    .where("booking.master_id", "=", masterId)
    .where("booking.ends_at", ">=", since)
    .where((eb) => eb.or([eb("booking.status", "!=", "cancelled"), eb("booking.updated_at", ">=", since)]))
    .orderBy("booking.starts_at")
    .orderBy("booking.id")
    .execute();
  return rows.map(staffBookingOf);
}

/** The roles this person holds in the bot now (a feed checks them on every fetch). */
export async function rolesOfPerson(db: Db, botId: string, telegramId: number): Promise<string[]> {
  const rows = await db.selectFrom("role").select("role").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).execute();
  return rows.map((row) => row.role);
}
