import { sql, type ColumnType, type Generated, type Kysely, type Selectable, type Transaction } from "kysely";
import type { PlatformTables } from "../../platform/db/schema.ts";
import type { PlainDate, Weekday } from "../../platform/domain/zoned-time.ts";
import type { Service } from "./domain/catalogue.ts";
import type { Occupancy, OccupancyKind, TimeRange } from "./domain/occupancy.ts";
import { DEFAULT_BOOKING_RULES, rulesForService, type BookingRules, type RuleOverrides } from "./domain/rules.ts";
import type { DateRange, MasterSchedule, WorkingInterval } from "./domain/schedule.ts";
import type { BookingStatus, CancelledBy } from "./domain/status.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
/**
 * A `date` column. Always select it as text (`from_date::text`): the drivers would turn it into
 * a `Date` at midnight of the server's zone, which is a different day east or west of it.
 */
type DateColumn = ColumnType<PlainDate, PlainDate, PlainDate>;

/** A branch of the business with its own clock. */
export interface LocationTable {
  id: Generated<number>;
  bot_id: string;
  name: string;
  address: string | null;
  /** IANA zone; working hours, "today" and the horizon are meant here. */
  time_zone: string;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface ServiceTable {
  id: Generated<number>;
  bot_id: string;
  name: string;
  description: string | null;
  duration_min: number;
  price_minor: number;
  currency: string;
  buffer_before_min: Generated<number>;
  buffer_after_min: Generated<number>;
  slot_step_min: Generated<number>;
  capacity: Generated<number>;
  active: Generated<boolean>;
  /** Paid up front while the slot is held for the bot's `hold_min`; null means none. */
  prepayment_minor: number | null;
  /** This service's own rules, only what differs from the bot's. */
  rule_overrides: Json<RuleOverrides>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A schedule resource first: a Telegram account may or may not be linked. */
export interface MasterTable {
  id: Generated<number>;
  bot_id: string;
  location_id: number;
  display_name: string;
  telegram_id: number | null;
  active: Generated<boolean>;
  created_at: Timestamp;
}

/** A master offers a service, optionally with their own duration or price. */
export interface MasterServiceTable {
  master_id: number;
  service_id: number;
  duration_min: number | null;
  price_minor: number | null;
}

/** One working interval of a weekday; several per day leave breaks between them. */
export interface WeeklyHoursTable {
  master_id: number;
  weekday: Weekday;
  start_min: number;
  end_min: number;
}

/** A day off or a vacation of one master, both days included. */
export interface DayOffTable {
  id: Generated<number>;
  master_id: number;
  from_date: DateColumn;
  to_date: DateColumn;
  reason: string | null;
  created_at: Timestamp;
  /** Set when staff took the day off back; the engine reads only rows without it. */
  removed_at: Generated<Date | null>;
}

/** Business-wide closed days, both included. */
export interface HolidayTable {
  id: Generated<number>;
  bot_id: string;
  from_date: DateColumn;
  to_date: DateColumn;
  name: string | null;
  created_at: Timestamp;
  removed_at: Generated<Date | null>;
}

/** One date with its own hours for one master; no intervals means closed that day. */
export interface DateOverrideTable {
  master_id: number;
  date: DateColumn;
  intervals: Json<WorkingInterval[]>;
  /** Set when the day went back to the weekly hours; setting hours again clears it. */
  removed_at: Generated<Date | null>;
}

/** What a bot allows its clients; no row means {@link DEFAULT_BOOKING_RULES}. */
export interface RulesTable {
  bot_id: string;
  min_notice_min: number;
  horizon_days: number;
  cancel_window_min: number;
  reschedule_window_min: number;
  max_reschedules: number;
  max_active_per_client: number;
  /** Minutes before a visit when reminders go out (scheduled events keyed by booking and offset). */
  reminder_offsets_min: ColumnType<number[], number[] | undefined, number[]>;
  /** How long a slot is held for an unpaid prepayment. */
  hold_min: number;
  updated_at: Timestamp;
}

/**
 * Someone who books. Phone-only clients (walk-ins, phone calls) have no Telegram id until they
 * share the same phone with the bot; a client merged that way points at the one who stays.
 */
export interface ClientTable {
  id: Generated<number>;
  bot_id: string;
  telegram_id: number | null;
  name: string;
  /** E.164. */
  phone: string | null;
  merged_into: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One time of a class that several clients join; seats are counted under a lock on this row. */
export interface ClassSessionTable {
  id: Generated<number>;
  bot_id: string;
  service_id: number;
  master_id: number;
  starts_at: Date;
  ends_at: Date;
  /** The service's capacity when the session opened. */
  capacity: number;
  seats_taken: number;
  /** False once its last seat was given up; a new session may then open at that time. */
  active: Generated<boolean>;
  created_at: Timestamp;
}

export type CreatedVia = "bot" | "web" | "job" | "system";

/** A client's visit: what was booked, at what price, and where it is in its life. Never deleted. */
export interface BookingTable {
  id: Generated<number>;
  bot_id: string;
  client_id: number;
  master_id: number;
  service_id: number;
  location_id: number;
  class_session_id: number | null;
  /** The visit as the client was told it, without buffers. */
  starts_at: Date;
  ends_at: Date;
  status: BookingStatus;
  cancelled_by: CancelledBy | null;
  /** Snapshot of the price and duration the booking was made with. */
  price_minor: number;
  currency: string;
  duration_min: number;
  prepayment_minor: number | null;
  /** Moves the client made; staff moves do not count against their limit. */
  reschedule_count: Generated<number>;
  /** iCal SEQUENCE: rises with every change a calendar must pick up. */
  sequence: Generated<number>;
  hold_expires_at: Date | null;
  /** A prepayment arrived after its hold expired and the slot was gone: staff refund it in the provider. */
  refund_needed: Generated<boolean>;
  /** The person who made it (the client, or staff on their behalf). */
  created_by: number | null;
  created_via: CreatedVia;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type HistoryEvent = "booked" | "confirmed" | "cancelled" | "rescheduled" | "marked" | "hold-expired" | "coming" | "paid" | "rebooked";

/** Every change of a booking: status and time before and after, who and when. */
export interface BookingHistoryTable {
  id: Generated<number>;
  booking_id: number;
  event: HistoryEvent;
  from_status: BookingStatus | null;
  to_status: BookingStatus;
  from_starts_at: Date | null;
  to_starts_at: Date;
  from_ends_at: Date | null;
  to_ends_at: Date;
  from_master_id: number | null;
  to_master_id: number;
  actor_id: number | null;
  source: CreatedVia;
  at: Date;
}

/**
 * Time of a master nobody else may take, buffers included. Live rows (`active`) of one master
 * never overlap: an exclusion constraint refuses the second, whoever writes it.
 */
export interface OccupancyTable {
  id: Generated<number>;
  bot_id: string;
  master_id: number;
  /** `tstzrange`, start included, end excluded; write it with {@link timeRange}. */
  during: string;
  kind: OccupancyKind;
  booking_id: number | null;
  class_session_id: number | null;
  active: Generated<boolean>;
  /** Holds and waitlist offers end by themselves at this time. */
  expires_at: Date | null;
  created_at: Timestamp;
  released_at: Date | null;
  /** A block's note ("training", "dentist"); null for every other kind. */
  reason: Generated<string | null>;
  /** Who set a block. */
  created_by: Generated<number | null>;
}

/** A prepayment Telegram reported paid, and what it did to its booking. */
export interface PaymentTable {
  id: Generated<number>;
  bot_id: string;
  booking_id: number;
  amount_minor: number;
  currency: string;
  /** Unique: Telegram's id of the charge, so a redelivered payment is recorded once. */
  telegram_payment_charge_id: string;
  /** The provider's id of the charge, what staff look up to refund. */
  provider_payment_charge_id: string;
  outcome: "confirmed" | "rebooked" | "refund-needed";
  paid_at: Date;
  /** When staff recorded that they refunded it in the provider (only a `refund-needed` payment). */
  refunded_at: Date | null;
  /** The Telegram id of who recorded the refund. */
  refunded_by: number | null;
  /** What staff noted with the refund, such as the provider's refund id. */
  refund_note: string | null;
}

export type WaitlistStatus = "waiting" | "offered" | "booked" | "declined" | "expired" | "withdrawn";

/**
 * A client waiting for a time: a whole day (`time_min` null) or one slot, with one master or any
 * (`master_id` null). While `offered`, a freed slot is held for them by an `offer` occupancy.
 */
export interface WaitlistTable {
  id: Generated<number>;
  bot_id: string;
  client_id: number;
  service_id: number;
  master_id: number | null;
  /** The day wished for, at the location (select it as text). */
  date: DateColumn;
  /** Minutes after local midnight of the slot wished for; null means any time that day. */
  time_min: number | null;
  status: WaitlistStatus;
  offered_start: Date | null;
  offered_master_id: number | null;
  offer_occupancy_id: number | null;
  offer_expires_at: Date | null;
  booking_id: number | null;
  created_at: Date;
  updated_at: Timestamp;
}

/** A client's review of a visit marked done: asked once, rated once, optionally commented once. */
export interface ReviewTable {
  id: Generated<number>;
  bot_id: string;
  booking_id: number;
  client_id: number;
  master_id: number;
  stars: number | null;
  text: string | null;
  asked_at: Date;
  rated_at: Date | null;
  commented_at: Date | null;
}

export interface BookingTables {
  booking_location: LocationTable;
  booking_service: ServiceTable;
  booking_master: MasterTable;
  booking_master_service: MasterServiceTable;
  booking_weekly_hours: WeeklyHoursTable;
  booking_day_off: DayOffTable;
  booking_holiday: HolidayTable;
  booking_date_override: DateOverrideTable;
  booking_rules: RulesTable;
  booking_client: ClientTable;
  booking_class_session: ClassSessionTable;
  booking: BookingTable;
  booking_history: BookingHistoryTable;
  booking_occupancy: OccupancyTable;
  booking_payment: PaymentTable;
  booking_waitlist: WaitlistTable;
  booking_review: ReviewTable;
}

export type Tables = PlatformTables & BookingTables;
export type Db = Kysely<Tables> | Transaction<Tables>;
export type BookingRow = Selectable<BookingTable>;
export type ClientRow = Selectable<ClientTable>;

/** A `tstzrange` literal for an insert, start included and end excluded. */
export function timeRange(range: TimeRange) {
  return sql<string>`tstzrange(${range.start}, ${range.end}, '[)')`;
}

/** The rules a bot set, the defaults where it set none, and its hold and reminder settings. */
export interface BotBookingRules {
  rules: BookingRules;
  holdMin: number;
  reminderOffsetsMin: number[];
}

export async function botRules(db: Db, botId: string): Promise<BotBookingRules> {
  const row = await db.selectFrom("booking_rules").selectAll().where("bot_id", "=", botId).executeTakeFirst();
  if (row === undefined) return { rules: DEFAULT_BOOKING_RULES, holdMin: 15, reminderOffsetsMin: [1440, 120] };
  return {
    rules: {
      minNoticeMin: row.min_notice_min,
      horizonDays: row.horizon_days,
      cancelWindowMin: row.cancel_window_min,
      rescheduleWindowMin: row.reschedule_window_min,
      maxReschedules: row.max_reschedules,
      maxActivePerClient: row.max_active_per_client,
    },
    holdMin: row.hold_min,
    reminderOffsetsMin: row.reminder_offsets_min,
  };
}

/**
 * A service as one master offers it: the catalogue entry with the master's own duration and
 * price applied (the domain's `Service`, prepayment hold from the bot's rules), where the master
 * works, and the service's rule overrides. Undefined when the master does not offer it.
 */
export interface MasterOffering {
  masterId: number;
  locationId: number;
  timeZone: string;
  service: Service;
  ruleOverrides: RuleOverrides;
  masterActive: boolean;
}

export async function offeringOf(db: Db, botId: string, masterId: number, serviceId: number, holdMin: number): Promise<MasterOffering | undefined> {
  const rows = await offeringsQuery(db, botId).where("booking_master.id", "=", masterId).where("booking_service.id", "=", serviceId).execute();
  const row = rows[0];
  return row === undefined ? undefined : offeringFrom(row, holdMin);
}

/** The rules in force for one service: the bot's, with the service's overrides on top. */
export async function rulesOfService(db: Db, botId: string, serviceId: number): Promise<BookingRules> {
  const [bot, service] = await Promise.all([
    botRules(db, botId),
    db.selectFrom("booking_service").select("rule_overrides").where("id", "=", serviceId).executeTakeFirst(),
  ]);
  return rulesForService(bot.rules, service?.rule_overrides);
}

/** Every master who offers the service (active or not), in a stable order: the list "any master" picks from. */
export async function offeringsOfService(db: Db, botId: string, serviceId: number, holdMin: number): Promise<MasterOffering[]> {
  const rows = await offeringsQuery(db, botId).where("booking_service.id", "=", serviceId).orderBy("booking_master.id").execute();
  return rows.map((row) => offeringFrom(row, holdMin));
}

function offeringsQuery(db: Db, botId: string) {
  return db
    .selectFrom("booking_master_service")
    .innerJoin("booking_master", "booking_master.id", "booking_master_service.master_id")
    .innerJoin("booking_service", "booking_service.id", "booking_master_service.service_id")
    .innerJoin("booking_location", "booking_location.id", "booking_master.location_id")
    .select([
      "booking_master.id as master_id",
      "booking_master.active as master_active",
      "booking_location.id as location_id",
      "booking_location.time_zone",
      "booking_service.id as service_id",
      "booking_service.active",
      "booking_service.duration_min",
      "booking_service.price_minor",
      "booking_service.currency",
      "booking_service.buffer_before_min",
      "booking_service.buffer_after_min",
      "booking_service.slot_step_min",
      "booking_service.capacity",
      "booking_service.prepayment_minor",
      "booking_service.rule_overrides",
      "booking_master_service.duration_min as own_duration_min",
      "booking_master_service.price_minor as own_price_minor",
    ])
    .where("booking_master.bot_id", "=", botId)
    .where("booking_service.bot_id", "=", botId);
}

type OfferingRow = Awaited<ReturnType<ReturnType<typeof offeringsQuery>["execute"]>>[number];

function offeringFrom(row: OfferingRow, holdMin: number): MasterOffering {
  const service: Service = {
    id: String(row.service_id),
    active: row.active,
    durationMin: row.own_duration_min ?? row.duration_min,
    priceMinor: row.own_price_minor ?? row.price_minor,
    currency: row.currency,
    bufferBeforeMin: row.buffer_before_min,
    bufferAfterMin: row.buffer_after_min,
    slotStepMin: row.slot_step_min,
    capacity: row.capacity,
    ...(row.prepayment_minor === null ? {} : { prepayment: { amountMinor: row.prepayment_minor, holdMin } }),
  };
  return {
    masterId: row.master_id,
    locationId: row.location_id,
    timeZone: row.time_zone,
    service,
    ruleOverrides: row.rule_overrides,
    masterActive: row.master_active,
  };
}

/** The working hours, days off and date overrides of each master, keyed by master id. */
export async function schedulesOf(db: Db, masterIds: readonly number[]): Promise<Map<number, MasterSchedule>> {
  const schedules = new Map<number, { weekly: Partial<Record<Weekday, WorkingInterval[]>>; daysOff: DateRange[]; overrides: { date: PlainDate; intervals: WorkingInterval[] }[] }>();
  if (masterIds.length === 0) return new Map();
  for (const id of masterIds) schedules.set(id, { weekly: {}, daysOff: [], overrides: [] });
  const ids = [...masterIds];
  const [hours, daysOff, overrides] = await Promise.all([
    db.selectFrom("booking_weekly_hours").selectAll().where("master_id", "in", ids).orderBy("start_min").execute(),
    db
      .selectFrom("booking_day_off")
      .select(["master_id", sql<string>`from_date::text`.as("from"), sql<string>`to_date::text`.as("to")])
      .where("master_id", "in", ids)
      .where("removed_at", "is", null)
      .execute(),
    db
      .selectFrom("booking_date_override")
      .select(["master_id", sql<string>`date::text`.as("date"), "intervals"])
      .where("master_id", "in", ids)
      .where("removed_at", "is", null)
      .execute(),
  ]);
  for (const row of hours) {
    const weekly = schedules.get(row.master_id)?.weekly;
    if (weekly !== undefined) (weekly[row.weekday] ??= []).push({ start: row.start_min, end: row.end_min });
  }
  for (const row of daysOff) schedules.get(row.master_id)?.daysOff.push({ from: row.from, to: row.to });
  for (const row of overrides) schedules.get(row.master_id)?.overrides.push({ date: row.date, intervals: row.intervals });
  return new Map([...schedules].map(([id, schedule]) => [id, { masterId: String(id), ...schedule }]));
}

export async function holidaysOf(db: Db, botId: string): Promise<DateRange[]> {
  return db
    .selectFrom("booking_holiday")
    .select([sql<string>`from_date::text`.as("from"), sql<string>`to_date::text`.as("to")])
    .where("bot_id", "=", botId)
    .where("removed_at", "is", null)
    .orderBy("from_date")
    .execute();
}

/**
 * The live occupancies of these masters that touch `range`, as the engine reads them: a class
 * session carries its seats. The domain ids are the occupancy ids as text.
 */
export async function occupanciesOf(db: Db, masterIds: readonly number[], range: TimeRange): Promise<Occupancy[]> {
  if (masterIds.length === 0) return [];
  const rows = await db
    .selectFrom("booking_occupancy")
    .leftJoin("booking_class_session", "booking_class_session.id", "booking_occupancy.class_session_id")
    .select([
      "booking_occupancy.id",
      "booking_occupancy.master_id",
      "booking_occupancy.kind",
      sql<Date>`lower(booking_occupancy.during)`.as("start"),
      sql<Date>`upper(booking_occupancy.during)`.as("end"),
      "booking_class_session.service_id",
      "booking_class_session.starts_at as session_start",
      "booking_class_session.seats_taken",
      "booking_class_session.capacity",
    ])
    .where("booking_occupancy.master_id", "in", [...masterIds])
    .where("booking_occupancy.active", "=", true)
    .where(sql<boolean>`booking_occupancy.during && ${timeRange(range)}`)
    .execute();
  return rows.map((row): Occupancy => {
    const base = { id: String(row.id), masterId: String(row.master_id), start: new Date(row.start), end: new Date(row.end) };
    if (row.kind !== "class") return { ...base, kind: row.kind };
    return {
      ...base,
      kind: "class",
      session: {
        serviceId: String(row.service_id),
        start: new Date(row.session_start ?? row.start),
        seatsTaken: row.seats_taken ?? 0,
        capacity: row.capacity ?? 1,
      },
    };
  });
}

export async function clientByTelegram(db: Db, botId: string, telegramId: number): Promise<ClientRow | undefined> {
  return db.selectFrom("booking_client").selectAll().where("bot_id", "=", botId).where("telegram_id", "=", telegramId).executeTakeFirst();
}

export async function clientByPhone(db: Db, botId: string, phone: string): Promise<ClientRow | undefined> {
  return db.selectFrom("booking_client").selectAll().where("bot_id", "=", botId).where("phone", "=", phone).executeTakeFirst();
}

/** Locks a client's row until the transaction ends, so two bookings of one client count each other. */
export async function lockClient(trx: Transaction<Tables>, clientId: number): Promise<ClientRow | undefined> {
  return trx.selectFrom("booking_client").selectAll().where("id", "=", clientId).forUpdate().executeTakeFirst();
}

/** A client's bookings still to come that count against their limit (pending or confirmed). */
export async function upcomingBookingCount(db: Db, clientId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom("booking")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("client_id", "=", clientId)
    .where("status", "in", ["pending", "confirmed"])
    .where("ends_at", ">", now)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A booking of this bot, locked until the transaction ends so two changes of it queue up. */
export async function lockBooking(trx: Transaction<Tables>, botId: string, bookingId: number): Promise<BookingRow | undefined> {
  return trx.selectFrom("booking").selectAll().where("bot_id", "=", botId).where("id", "=", bookingId).forUpdate().executeTakeFirst();
}

export async function clientOf(db: Db, clientId: number): Promise<ClientRow | undefined> {
  return db.selectFrom("booking_client").selectAll().where("id", "=", clientId).executeTakeFirst();
}

/** The live class session of this service with this master at exactly `start`, locked: its seats are counted under this lock. */
export async function lockClassSession(trx: Transaction<Tables>, masterId: number, serviceId: number, start: Date) {
  return trx
    .selectFrom("booking_class_session")
    .selectAll()
    .where("master_id", "=", masterId)
    .where("service_id", "=", serviceId)
    .where("starts_at", "=", start)
    .where("active", "=", true)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockClassSessionById(trx: Transaction<Tables>, sessionId: number) {
  return trx.selectFrom("booking_class_session").selectAll().where("id", "=", sessionId).forUpdate().executeTakeFirstOrThrow();
}

/** The live occupancy row of a one-client booking (appointment or hold). */
export async function occupancyOfBooking(db: Db, bookingId: number) {
  return db.selectFrom("booking_occupancy").select(["id", "kind"]).where("booking_id", "=", bookingId).where("active", "=", true).executeTakeFirst();
}

/** Gives a booking's or a class session's time back; the rows stay, with when they were released. */
export async function releaseOccupancy(trx: Transaction<Tables>, of: { bookingId: number } | { classSessionId: number }, now: Date): Promise<void> {
  let query = trx.updateTable("booking_occupancy").set({ active: false, released_at: now }).where("active", "=", true);
  query = "bookingId" in of ? query.where("booking_id", "=", of.bookingId) : query.where("class_session_id", "=", of.classSessionId);
  await query.execute();
}

export async function insertOccupancy(
  trx: Transaction<Tables>,
  row: { botId: string; masterId: number; range: TimeRange; kind: OccupancyKind; bookingId: number | null; classSessionId: number | null; expiresAt: Date | null },
): Promise<number> {
  const { id } = await trx
    .insertInto("booking_occupancy")
    .values({
      bot_id: row.botId,
      master_id: row.masterId,
      during: timeRange(row.range),
      kind: row.kind,
      booking_id: row.bookingId,
      class_session_id: row.classSessionId,
      expires_at: row.expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertHistory(trx: Transaction<Tables>, row: Omit<Selectable<BookingHistoryTable>, "id">): Promise<void> {
  await trx.insertInto("booking_history").values(row).execute();
}

/** A booking's history, oldest first. */
export async function historyOf(db: Db, bookingId: number) {
  return db.selectFrom("booking_history").selectAll().where("booking_id", "=", bookingId).orderBy("id").execute();
}

/** A booking row by id, as this transaction sees it (one just written, to tell people about it). */
export async function bookingById(db: Db, bookingId: number): Promise<BookingRow> {
  return db.selectFrom("booking").selectAll().where("id", "=", bookingId).executeTakeFirstOrThrow();
}

