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
