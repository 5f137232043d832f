import { addDays, instantToZoned, zonedBoundaryToInstant, zonedDateTimeToInstant, type PlainDate, type ZonedTime } from "../../../platform/domain/zoned-time.ts";
import { mayClientReschedule } from "./cancellation.ts";
import type { Service } from "./catalogue.ts";
import { blockedBy, conflictsFor, visitAt, type Occupancy, type TimeRange } from "./occupancy.ts";
import type { BookingRules } from "./rules.ts";
import { workingHoursOn, type DateRange, type MasterSchedule, type WorkingInterval } from "./schedule.ts";

const MINUTE_MS = 60_000;

/** What every booking decision at one location needs, whoever books and whatever time. */
export interface BookingContext {
  /** From the injected clock; never the time in a button. */
  now: Date;
  /** The rules in force for the service: `rulesForService(botRules, serviceOverrides)`. */
  rules: BookingRules;
  /** The location's IANA zone, where working hours, "today" and the horizon are meant. */
  timeZone: string;
  /** Business-wide closed days. */
  holidays: readonly DateRange[];
  /** Live occupancies of the masters concerned; other masters' rows are ignored. */
  occupancies: readonly Occupancy[];
}

/** A master and the service as that master performs it (`serviceAsOfferedBy`). */
export interface MasterOffer {
  schedule: MasterSchedule;
  service: Service;
}

/** The booking being moved: its visit start and, for a one-client visit, its occupancy (left out of the overlap check). */
export interface BookingMove {
  visitStart: Date;
  occupancyId?: string;
}

/**
 * Who asks and why. A client's new booking counts against their limit; a client's reschedule
 * counts against the booking's moves and window; staff (`admin`) may book on a client's behalf
 * past the notice, the horizon, the client limit and the slot grid, but never outside working
 * hours, in the past, or over another booking.
 */
export type BookingIntent =
  | {
      kind: "new";
      /** The client's upcoming pending or confirmed bookings. */
      clientActiveBookings: number;
    }
  | { kind: "reschedule"; existing: BookingMove; rescheduleCount: number }
  | { kind: "admin"; existing?: BookingMove };

export type BookingRequest = BookingContext & MasterOffer & BookingIntent & { start: Date };

export type BookingRefusal =
  | "service-inactive"
  | "outside-hours"
  | "off-grid"
  | "in-the-past"
  | "too-many-reschedules"
  | "reschedule-window-closed"
  | "too-soon"
  | "beyond-horizon"
  | "client-limit"
  | "taken"
  | "full";

/**
 * `visit` is what the client is told (no buffers); `occupancy` is the row to write (for a class,
 * the session with this client's seat added); `seatsFree` is how many clients could still book
 * this time before this booking (1 for a one-client service).
 */
export type BookingDecision =
  | { ok: true; visit: TimeRange; occupancy: Occupancy; seatsFree: number }
  | { ok: false; reason: BookingRefusal };

/** True while a client may hold one more upcoming booking; ask before showing them a calendar. */
export function clientMayBookMore(clientActiveBookings: number, rules: BookingRules): boolean {
  return clientActiveBookings < rules.maxActivePerClient;
}

function intervalRange(date: string, interval: WorkingInterval, timeZone: string): TimeRange {
  return { start: zonedBoundaryToInstant(date, interval.start, timeZone), end: zonedBoundaryToInstant(date, interval.end, timeZone) };
}

function contains(outer: TimeRange, inner: TimeRange): boolean {
  return outer.start.getTime() <= inner.start.getTime() && inner.end.getTime() <= outer.end.getTime();
}

/**
 * On the grid means: a whole-minute wall time that is a multiple of the slot step after the start
 * of the working interval, and, when the clocks fall back, its first occurrence (the one offered).
 */
function isOnGrid(start: Date, zoned: ZonedTime, interval: WorkingInterval, service: Service, timeZone: string): boolean {
  if ((zoned.minutes - interval.start) % service.slotStepMin !== 0) return false;
  return zonedDateTimeToInstant(zoned.date, zoned.minutes, timeZone)?.getTime() === start.getTime();
}

function refusedByTime(request: BookingRequest, zoned: ZonedTime): BookingRefusal | null {
  const { now, rules, start } = request;
  if (start.getTime() < now.getTime()) return "in-the-past";
  if (request.kind === "reschedule") {
    const move = mayClientReschedule({ now, visitStart: request.existing.visitStart, rules, rescheduleCount: request.rescheduleCount });
    if (!move.ok) return move.reason;
  }
  if (request.kind === "admin") return null;
  if (start.getTime() - now.getTime() < rules.minNoticeMin * MINUTE_MS) return "too-soon";
  const lastDay = addDays(instantToZoned(now, request.timeZone).date, rules.horizonDays);
  if (zoned.date > lastDay) return "beyond-horizon";
  if (request.kind === "new" && !clientMayBookMore(request.clientActiveBookings, rules)) return "client-limit";
  return null;
}

function openSession(request: BookingRequest, ignoreId: string | undefined): (Occupancy & { kind: "class" }) | undefined {
  const { service, start } = request;
  if (service.capacity <= 1) return undefined;
  for (const occupancy of request.occupancies) {
    if (
      occupancy.kind === "class" &&
      occupancy.masterId === request.schedule.masterId &&
      occupancy.id !== ignoreId &&
      occupancy.session.serviceId === service.id &&
      occupancy.session.start.getTime() === start.getTime()
    ) {
      return occupancy;
    }
  }
  return undefined;
}

/**
 * The working interval of the master's `date` (in the location's zone) that holds the whole of
 * `occupied` (a visit with its buffers), never across a break; undefined when none does. Time off
 * asks the same question of the bookings it would leave outside the hours.
 */
export function intervalHolding(
  at: { schedule: MasterSchedule; holidays: readonly DateRange[]; timeZone: string },
  date: PlainDate,
  occupied: TimeRange,
): WorkingInterval | undefined {
  return workingHoursOn(at.schedule, at.holidays, date).find((candidate) => contains(intervalRange(date, candidate, at.timeZone), occupied));
}

function refusedByHours(request: BookingRequest, zoned: ZonedTime): BookingRefusal | null {
  const { service, start, timeZone } = request;
  const interval = intervalHolding(request, zoned.date, blockedBy(start, service));
  if (interval === undefined) return "outside-hours";
  if (request.kind !== "admin" && !isOnGrid(start, zoned, interval, service, timeZone)) return "off-grid";
  return null;
}

function joinSession(request: BookingRequest, session: Occupancy & { kind: "class" }, ignoreId: string | undefined): BookingDecision {
  const seatsFree = session.session.capacity - session.session.seatsTaken;
  if (seatsFree <= 0) return { ok: false, reason: "full" };
  const others = conflictsFor(session, session.masterId, request.occupancies, ignoreId).filter((occupancy) => occupancy !== session);
  if (others.length > 0) return { ok: false, reason: "taken" };
  return {
    ok: true,
    visit: visitAt(request.start, request.service),
    occupancy: { ...session, session: { ...session.session, seatsTaken: session.session.seatsTaken + 1 } },
    seatsFree,
  };
}

/**
 * Decides whether this booking may be made, the one rule engine behind slot lists, confirmation,
 * reschedules and staff edits. Run it again inside the write transaction with fresh occupancies.
 *
 * Checks run in this order and the first failure is the answer:
 * 1. the service is active;
 * 2. the master works then: the visit plus buffers inside one working interval (never across a
 *    break) and on the slot grid (not for staff); joining an open class session at exactly its
 *    start skips this, since staff may have placed the session anywhere;
 * 3. time: the start is not past; a reschedule is within its limit and window; the notice, the
 *    horizon and the client's limit (these three not for staff);
 * 4. the master is free: a class session has a seat left, or the time is clear of every other
 *    occupancy of the master.
 *
 * So a time refused for being past or too soon was a working time, which the month calendar
 * relies on to tell a day whose times have gone from a day with none.
 */
export function decideBooking(request: BookingRequest): BookingDecision {
  const { service, start, timeZone } = request;
  if (!service.active) return { ok: false, reason: "service-inactive" };
  const zoned = instantToZoned(start, timeZone);
  const ignoreId = request.kind === "new" ? undefined : request.existing?.occupancyId;
  const session = openSession(request, ignoreId);
  const refusal = (session === undefined ? refusedByHours(request, zoned) : null) ?? refusedByTime(request, zoned);
  if (refusal !== null) return { ok: false, reason: refusal };
  if (session !== undefined) return joinSession(request, session, ignoreId);

  const masterId = request.schedule.masterId;
  const blocked = blockedBy(start, service);
  if (conflictsFor(blocked, masterId, request.occupancies, ignoreId).length > 0) return { ok: false, reason: "taken" };
  const visit = visitAt(start, service);
  if (service.capacity > 1) {
    const opened = { serviceId: service.id, start, seatsTaken: 1, capacity: service.capacity };
    return { ok: true, visit, occupancy: { masterId, kind: "class", ...blocked, session: opened }, seatsFree: service.capacity };
  }
  return { ok: true, visit, occupancy: { masterId, kind: "appointment", ...blocked }, seatsFree: 1 };
}
