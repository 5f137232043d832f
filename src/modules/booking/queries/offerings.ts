import { sql } from "kysely";
import type { Service } from "../domain/catalogue.ts";
import type { Occupancy, TimeRange } from "../domain/occupancy.ts";
import type { RuleOverrides } from "../domain/rules.ts";
import type { DateRange, MasterSchedule, WorkingInterval } from "../domain/schedule.ts";
import { timeRange } from "../effects/occupancy.ts";
import type { Db } from "../tables.ts";
import type { PlainDate, Weekday } from "../../../platform/domain/zoned-time.ts";

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

/** Every master who offers the service (active or not), in a stable order: the list "any master" picks from. */
export async function offeringsOfService(db: Db, botId: string, serviceId: number, holdMin: number): Promise<MasterOffering[]> {
  const rows = await offeringsQuery(db, botId).where("booking_service.id", "=", serviceId).orderBy("booking_master.id").execute();
  return rows.map((row) => offeringFrom(row, holdMin));
}

export function offeringsQuery(db: Db, botId: string) {
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

export function offeringFrom(row: OfferingRow, holdMin: number): MasterOffering {
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

/** A master's weekly hours, days off and date overrides as `scheduleColumns` reads them. */
export interface ScheduleRow {
  hours: { weekday: Weekday; start: number; end: number }[];
  days_off: DateRange[];
  overrides: { date: PlainDate; intervals: WorkingInterval[] }[];
}

/** The three parts of the schedule of the master whose id is in `masterId` (a column), each as JSON. */
export function scheduleColumns(masterId: string) {
  const master = sql.ref(masterId);
  return [
    sql<ScheduleRow["hours"]>`(select coalesce(json_agg(json_build_object('weekday', weekday, 'start', start_min, 'end', end_min) order by start_min), '[]')
      from booking_weekly_hours where master_id = ${master})`.as("hours"),
    sql<ScheduleRow["days_off"]>`(select coalesce(json_agg(json_build_object('from', from_date::text, 'to', to_date::text) order by from_date), '[]')
      from booking_day_off where master_id = ${master} and removed_at is null)`.as("days_off"),
    sql<ScheduleRow["overrides"]>`(select coalesce(json_agg(json_build_object('date', date::text, 'intervals', intervals) order by date), '[]')
      from booking_date_override where master_id = ${master} and removed_at is null)`.as("overrides"),
  ];
}

export function scheduleFrom(masterId: number, row: ScheduleRow): MasterSchedule {
  const weekly: Partial<Record<Weekday, WorkingInterval[]>> = {};
  for (const hours of row.hours) (weekly[hours.weekday] ??= []).push({ start: hours.start, end: hours.end });
  return { masterId: String(masterId), weekly, daysOff: row.days_off, overrides: row.overrides };
}

/** The working hours, days off and date overrides of each master, keyed by master id. */
export async function schedulesOf(db: Db, masterIds: readonly number[]): Promise<Map<number, MasterSchedule>> {
  if (masterIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("booking_master")
    .select(["booking_master.id", ...scheduleColumns("booking_master.id")])
    .where("booking_master.id", "in", [...masterIds])
    .execute();
  const schedules = new Map(rows.map((row) => [row.id, scheduleFrom(row.id, row)]));
  // Every id asked for has a schedule, an empty one for an id with no master.
  return new Map(masterIds.map((id) => [id, schedules.get(id) ?? { masterId: String(id), weekly: {}, daysOff: [], overrides: [] }]));
}

/** The bot's holidays as one JSON column (see {@link holidaysOf}). */
export function holidaysColumn(botId: string) {
  return sql<DateRange[]>`(select coalesce(json_agg(json_build_object('from', from_date::text, 'to', to_date::text) order by from_date), '[]')
    from booking_holiday where bot_id = ${botId} and removed_at is null)`.as("holidays");
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

/** An occupancy row as `occupanciesOf` reads it: id, master, kind, start and end (epoch ms), then the class session's service, start, seats taken and capacity. */
type OccupancyRow = [number, number, Occupancy["kind"], number, number, number | null, number | null, number | null, number | null];

const epochMs = (instant: string) => sql<number>`floor(extract(epoch from ${sql.raw(instant)}) * 1000)::bigint`;

/**
 * The live occupancies of these masters that touch `range`, as the engine reads them: a class
 * session carries its seats. The domain ids are the occupancy ids as text.
 */
export async function occupanciesOf(db: Db, masterIds: readonly number[], range: TimeRange): Promise<Occupancy[]> {
  if (masterIds.length === 0) return [];
  // One row holding them all: a month has thousands, and a row each costs far more than the JSON.
  const { rows } = await db
    .selectFrom("booking_occupancy")
    .leftJoin("booking_class_session", "booking_class_session.id", "booking_occupancy.class_session_id")
    .select(
      sql<OccupancyRow[] | null>`json_agg(json_build_array(
        booking_occupancy.id, booking_occupancy.master_id, booking_occupancy.kind,
        ${epochMs("lower(booking_occupancy.during)")}, ${epochMs("upper(booking_occupancy.during)")},
        booking_class_session.service_id, ${epochMs("booking_class_session.starts_at")},
        booking_class_session.seats_taken, booking_class_session.capacity))`.as("rows"),
    )
    .where("booking_occupancy.master_id", "in", [...masterIds])
    .where("booking_occupancy.active", "=", true)
    .where(sql<boolean>`booking_occupancy.during && ${timeRange(range)}`)
    .executeTakeFirstOrThrow();
  return (rows ?? []).map(([id, masterId, kind, start, end, serviceId, sessionStart, seatsTaken, capacity]): Occupancy => {
    const base = { id: String(id), masterId: String(masterId), start: new Date(start), end: new Date(end) };
    if (kind !== "class") return { ...base, kind };
    return {
      ...base,
      kind: "class",
      session: {
        serviceId: String(serviceId),
        start: new Date(sessionStart ?? start),
        seatsTaken: seatsTaken ?? 0,
        capacity: capacity ?? 1,
      },
    };
  });
}
