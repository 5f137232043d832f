import { instantToZoned, isPlainDate, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { Service } from "./catalogue.ts";
import { decideBooking, intervalHolding } from "./decide-booking.ts";
import { overlaps, type Occupancy, type TimeRange } from "./occupancy.ts";
import type { BookingRules } from "./rules.ts";
import type { DateRange, MasterSchedule, WorkingInterval } from "./schedule.ts";

/** The longest note staff may keep with a day off, a holiday or a block. */
export const MAX_REASON_LENGTH = 200;

/** A block longer than this is a vacation: give days off instead. */
export const MAX_BLOCK_DAYS = 31;

/** Days \`from\` to \`to\` (both included, the location's calendar) that can be stored. */
export function daysAreValid(from: PlainDate, to: PlainDate): boolean {
  return isPlainDate(from) && isPlainDate(to) && from <= to;
}

/**
 * Time a master stops being bookable: days off or a vacation, a business-wide holiday (every
 * master), a day's own hours (`intervals` null: back to the weekly hours), or a block of hours.
 */
export type TimeOff =
  | { kind: "days-off"; masterId: string; days: DateRange }
  | { kind: "holiday"; days: DateRange }
  | { kind: "day-hours"; masterId: string; date: PlainDate; intervals: readonly WorkingInterval[] | null }
  | { kind: "block"; masterId: string; range: TimeRange };

/** A live (pending or confirmed) booking that may stand in the way. */
export interface HeldBooking {
  id: string;
  masterId: string;
  serviceId: string;
  /** The visit's start, where a move to another master keeps it. */
  start: Date;
  /** The length it was booked with, which a move keeps. */
  durationMin: number;
  /** The master's time its occupancy takes: the visit with its buffers (a class: its session's). */
  occupied: TimeRange;
}

/** A master of the location with their schedule and each service as they offer it. */
export interface MasterAtLocation {
  schedule: MasterSchedule;
  services: readonly Service[];
}

/** Everything at one location the question needs; the bookings and occupancies around the time off. */
export interface TimeOffQuery {
  now: Date;
  timeZone: string;
  rules: BookingRules;
  holidays: readonly DateRange[];
  masters: readonly MasterAtLocation[];
  /** Live occupancies of the location's masters around the time off. */
  occupancies: readonly Occupancy[];
  bookings: readonly HeldBooking[];
  timeOff: TimeOff;
}

/** A booking the time off would leave outside the hours or under the block, and who could take it instead. */
export interface TimeOffHit {
  bookingId: string;
  /** Other masters who offer the service and are free for the whole visit at the same time, as the rule engine says. */
  freeMasterIds: string[];
}

/** A master's schedule and the holidays as they would be with the time off in place (a block changes neither). */
export function scheduleWithTimeOff(schedule: MasterSchedule, holidays: readonly DateRange[], timeOff: TimeOff): { schedule: MasterSchedule; holidays: readonly DateRange[] } {
  if (timeOff.kind === "holiday") return { schedule, holidays: [...holidays, timeOff.days] };
  if (timeOff.kind === "block" || timeOff.masterId !== schedule.masterId) return { schedule, holidays };
  if (timeOff.kind === "days-off") return { schedule: { ...schedule, daysOff: [...schedule.daysOff, timeOff.days] }, holidays };
  const overrides = schedule.overrides.filter((override) => override.date !== timeOff.date);
  if (timeOff.intervals !== null) overrides.push({ date: timeOff.date, intervals: timeOff.intervals });
  return { schedule: { ...schedule, overrides }, holidays };
}

function affects(timeOff: TimeOff, masterId: string): boolean {
  return timeOff.kind === "holiday" || timeOff.masterId === masterId;
}

function isHit(query: TimeOffQuery, booking: HeldBooking, schedule: MasterSchedule | undefined): boolean {
  const { timeOff } = query;
  if (timeOff.kind === "block") return overlaps(booking.occupied, timeOff.range);
  if (schedule === undefined) return false;
  const proposed = scheduleWithTimeOff(schedule, query.holidays, timeOff);
  const date = instantToZoned(booking.start, query.timeZone).date;
  return intervalHolding({ ...proposed, timeZone: query.timeZone }, date, booking.occupied) === undefined;
}

function freeMastersFor(query: TimeOffQuery, booking: HeldBooking): string[] {
  const free: string[] = [];
  for (const master of query.masters) {
    if (master.schedule.masterId === booking.masterId) continue;
    const offered = master.services.find((service) => service.id === booking.serviceId);
    if (offered === undefined) continue;
    const proposed = scheduleWithTimeOff(master.schedule, query.holidays, query.timeOff);
    const occupancies = query.timeOff.kind === "block" ? [...query.occupancies, { masterId: query.timeOff.masterId, kind: "block" as const, ...query.timeOff.range }] : query.occupancies;
    const decision = decideBooking({
      now: query.now,
      rules: query.rules,
      timeZone: query.timeZone,
      holidays: proposed.holidays,
      occupancies,
      schedule: proposed.schedule,
      service: { ...offered, durationMin: booking.durationMin },
      kind: "admin",
      start: booking.start,
    });
    if (decision.ok) free.push(master.schedule.masterId);
  }
  return free;
}

/**
 * The live bookings a proposed time off would hit, earliest first: under a block, or left outside
 * the master's hours by days off, a holiday (every master's) or a day's new hours, judged on the
 * location's clock (so across a daylight-saving change too). Visits already over are left alone.
 * For each, the other masters free to take the whole visit at the same time, each asked of
 * {@link decideBooking} as a staff move, with the time off in place. Each hit is judged on its
 * own: two hits may both name the same master for overlapping times, and the move re-checks.
 */
export function timeOffHits(query: TimeOffQuery): TimeOffHit[] {
  const schedules = new Map(query.masters.map((master) => [master.schedule.masterId, master.schedule]));
  return query.bookings
    .filter((booking) => booking.occupied.end.getTime() > query.now.getTime() && affects(query.timeOff, booking.masterId))
    .filter((booking) => isHit(query, booking, schedules.get(booking.masterId)))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || Number(a.id) - Number(b.id))
    .map((booking) => ({ bookingId: booking.id, freeMasterIds: freeMastersFor(query, booking) }));
}
