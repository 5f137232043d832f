import { sql } from "kysely";
import { formatMinutes, instantToZoned, zonedDay, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { Service } from "../domain/catalogue.ts";
import { timeOffHits, type HeldBooking, type MasterAtLocation, type TimeOff } from "../domain/time-off.ts";
import type { TimeRange } from "../domain/occupancy.ts";
import { botRules } from "./rules.ts";
import { holidaysOf, occupanciesOf, offeringsOfService, schedulesOf } from "./offerings.ts";
import { type Db } from "../tables.ts";
import { mastersOfBot, staffBooking, type StaffMaster } from "./staff-calendar.ts";

const DAY_MS = 86_400_000;

/** A booking a time off would hit, as staff decide about it: who, what, when (location's clock), and who could take it. */
export interface HitView {
  bookingId: number;
  clientName: string;
  clientPhone: string | null;
  serviceName: string;
  masterId: number;
  masterName: string;
  startsAt: string;
  endsAt: string;
  date: PlainDate;
  time: string;
  endTime: string;
  timeZone: string;
  /** Other masters free for the whole visit at the same time; "move" may name one of them. */
  freeMasters: { id: number; name: string }[];
}

/** The stretch of real time at a location whose bookings a time off could touch: its days, a day either side. */
function spanOf(timeOff: TimeOff, timeZone: string): TimeRange {
  if (timeOff.kind === "block") return { start: new Date(timeOff.range.start.getTime() - DAY_MS), end: new Date(timeOff.range.end.getTime() + DAY_MS) };
  const [from, to] = timeOff.kind === "day-hours" ? [timeOff.date, timeOff.date] : [timeOff.days.from, timeOff.days.to];
  return { start: new Date(zonedDay(from, timeZone).start.getTime() - DAY_MS), end: new Date(zonedDay(to, timeZone).end.getTime() + DAY_MS) };
}

/** Live bookings of these masters in `span`, with the time their occupancy takes (a class: the session's). */
async function heldBookings(db: Db, botId: string, masterIds: readonly number[], span: TimeRange): Promise<HeldBooking[]> {
  if (masterIds.length === 0) return [];
  const rows = await db
    .selectFrom("booking")
    .leftJoin("booking_occupancy", (join) =>
      join
        .on("booking_occupancy.active", "=", true)
        .on((eb) =>
          eb.or([
            eb("booking_occupancy.booking_id", "=", eb.ref("booking.id")),
            eb("booking_occupancy.class_session_id", "=", eb.ref("booking.class_session_id")),
          ]),
        ),
    )
    .select([
      "booking.id",
      "booking.master_id",
      "booking.service_id",
      "booking.starts_at",
      "booking.ends_at",
      "booking.duration_min",
      sql<Date | null>`lower(booking_occupancy.during)`.as("occupied_from"),
      sql<Date | null>`upper(booking_occupancy.during)`.as("occupied_to"),
    ])
    .where("booking.bot_id", "=", botId)
    .where("booking.master_id", "in", [...masterIds])
    .where("booking.status", "in", ["pending", "confirmed"])
    .where("booking.starts_at", "<", span.end)
    .where("booking.ends_at", ">", span.start)
    .execute();
  return rows.map((row) => ({
    id: String(row.id),
    masterId: String(row.master_id),
    serviceId: String(row.service_id),
    start: row.starts_at,
    durationMin: row.duration_min,
    occupied: {
      start: row.occupied_from === null ? row.starts_at : new Date(row.occupied_from),
      end: row.occupied_to === null ? row.ends_at : new Date(row.occupied_to),
    },
  }));
}

/** Each location's masters, keyed by location id, with its zone. */
function byLocation(masters: readonly StaffMaster[]): Map<number, { timeZone: string; masters: StaffMaster[] }> {
  const locations = new Map<number, { timeZone: string; masters: StaffMaster[] }>();
  for (const master of masters) {
    const location = locations.get(master.locationId) ?? { timeZone: master.timeZone, masters: [] };
    location.masters.push(master);
    locations.set(master.locationId, location);
  }
  return locations;
}

/**
 * The live bookings the time off would hit, earliest first, each with the other masters free to
 * take it (see `timeOffHits`): a master's time off is judged at their location, a holiday at
 * every location on its own clock. Reads only; pass the command's transaction to judge what it
 * is about to change.
 */
export async function hitsOfTimeOff(db: Db, botId: string, timeOff: TimeOff, now: Date): Promise<HitView[]> {
  const everyMaster = await mastersOfBot(db, botId);
  const names = new Map(everyMaster.map((master) => [master.id, master.name]));
  const concerned = timeOff.kind === "holiday" ? everyMaster : everyMaster.filter((master) => String(master.id) === timeOff.masterId);
  const [{ rules, holdMin }, holidays] = await Promise.all([botRules(db, botId), holidaysOf(db, botId)]);
  const views: HitView[] = [];
  for (const [locationId, location] of byLocation(concerned)) {
    const span = spanOf(timeOff, location.timeZone);
    const bookings = await heldBookings(db, botId, location.masters.map((master) => master.id), span);
    if (bookings.length === 0) continue;
    const here = everyMaster.filter((master) => master.locationId === locationId && (master.active || concerned.includes(master)));
    const services = new Map<number, Service[]>();
    for (const serviceId of new Set(bookings.map((booking) => Number(booking.serviceId)))) {
      for (const offering of await offeringsOfService(db, botId, serviceId, holdMin)) {
        if (!offering.masterActive || offering.locationId !== locationId) continue;
        services.set(offering.masterId, [...(services.get(offering.masterId) ?? []), offering.service]);
      }
    }
    const ids = here.map((master) => master.id);
    const schedules = await schedulesOf(db, ids);
    const masters: MasterAtLocation[] = ids.flatMap((id) => {
      const schedule = schedules.get(id);
      return schedule === undefined ? [] : [{ schedule, services: services.get(id) ?? [] }];
    });
    const occupancies = await occupanciesOf(db, ids, span);
    const hits = timeOffHits({ now, timeZone: location.timeZone, rules, holidays, masters, occupancies, bookings, timeOff });
    for (const hit of hits) {
      const booking = await staffBooking(db, botId, Number(hit.bookingId));
      if (booking === undefined) continue;
      const start = instantToZoned(new Date(booking.startsAt), booking.timeZone);
      views.push({
        bookingId: booking.id,
        clientName: booking.clientName,
        clientPhone: booking.clientPhone,
        serviceName: booking.serviceName,
        masterId: booking.masterId,
        masterName: booking.masterName,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        date: start.date,
        time: formatMinutes(start.minutes),
        endTime: formatMinutes(instantToZoned(new Date(booking.endsAt), booking.timeZone).minutes),
        timeZone: booking.timeZone,
        freeMasters: hit.freeMasterIds.map((id) => ({ id: Number(id), name: names.get(Number(id)) ?? "" })),
      });
    }
  }
  return views.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.bookingId - b.bookingId);
}
