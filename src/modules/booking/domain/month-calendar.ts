import { addDays, datesOfMonth, instantToZoned, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { AnyMasterQuery } from "./any-master.ts";
import type { BookingRefusal, MasterOffer } from "./decide-booking.ts";
import type { Occupancy } from "./occupancy.ts";
import { evaluateDay, type DayQuery } from "./slots.ts";

/**
 * The marker on a day of the calendar: `free` (nothing booked in the times still open), `busy`
 * (some times taken by other bookings, some left), `full` (none left) or `closed` (no working
 * hours for this service: a holiday, a day off, a past day, a day beyond the horizon).
 */
export type DayLoad = "free" | "busy" | "full" | "closed";

export interface DayMarker {
  date: PlainDate;
  load: DayLoad;
}

/** A month, `"2026-03"`, for one master (a list of one) or "any master" (all who offer the service). */
export type MonthQuery = AnyMasterQuery & { month: string };

/** Refusals that mean "this time was there but is gone": booked by someone else, or already passed. */
const GONE: ReadonlySet<BookingRefusal> = new Set(["taken", "full", "in-the-past", "too-soon"]);
const TAKEN: ReadonlySet<BookingRefusal> = new Set(["taken", "full"]);

const RANK: Record<DayLoad, number> = { closed: 0, full: 1, busy: 2, free: 3 };

/** The marker of one master's day, judged start by start with the same engine as the slot list. */
export function dayLoad(query: DayQuery): DayLoad {
  const today = instantToZoned(query.now, query.timeZone).date;
  const beyondHorizon = query.kind !== "admin" && query.date > addDays(today, query.rules.horizonDays);
  if (query.date < today || beyondHorizon) return "closed";
  let offered = 0;
  let taken = 0;
  let existed = 0;
  for (const { decision } of evaluateDay(query)) {
    if (decision.ok) offered += 1;
    else if (TAKEN.has(decision.reason)) taken += 1;
    if (decision.ok || GONE.has(decision.reason)) existed += 1;
  }
  if (existed === 0) return "closed";
  if (offered === 0) return "full";
  return taken > 0 ? "busy" : "free";
}

/**
 * One marker per day of the month. With several masters a day shows the best any of them offers:
 * `free` if one master is free all day, `closed` only if every master is closed. A refusal that
 * holds for every time (a client at their booking limit, an inactive service) closes every day,
 * so check `clientMayBookMore` before showing a client the calendar.
 */
export function monthCalendar(query: MonthQuery): DayMarker[] {
  // Each master's day reads only that master's rows: hand each its own list once, not the month's.
  const byMaster = new Map<string, Occupancy[]>();
  for (const occupancy of query.occupancies) {
    const rows = byMaster.get(occupancy.masterId);
    if (rows === undefined) byMaster.set(occupancy.masterId, [occupancy]);
    else rows.push(occupancy);
  }
  const masters = query.masters.map((offer) => ({ offer, occupancies: byMaster.get(offer.schedule.masterId) ?? [] }));
  return datesOfMonth(query.month).map((date) => ({
    date,
    load: bestOf(masters.map(({ offer, occupancies }) => dayLoad({ ...query, ...offer, occupancies, date }))),
  }));
}

/** One day's marker with several masters: the best any of them offers (see {@link monthCalendar}). */
export function bestDayLoad(query: AnyMasterQuery & { date: PlainDate }): DayLoad {
  return bestOf(query.masters.map((offer: MasterOffer) => dayLoad({ ...query, ...offer, date: query.date })));
}

function bestOf(loads: readonly DayLoad[]): DayLoad {
  return loads.reduce<DayLoad>((best, next) => (RANK[next] > RANK[best] ? next : best), "closed");
}
