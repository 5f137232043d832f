import { addDays, daysBetween, instantToZoned, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { workingHoursOn, type DateRange, type MasterSchedule } from "./schedule.ts";
import type { BookingStatus, CancelledBy } from "./status.ts";

/** A booking as analytics reads it: its status, the price and duration it was made with, and who, what, where, when. */
export interface AnalyticsBooking {
  status: BookingStatus;
  cancelledBy: CancelledBy | null;
  priceMinor: number;
  currency: string;
  durationMin: number;
  masterId: number;
  serviceId: number;
  locationId: number;
  clientId: number;
  startsAt: Date;
  /** The location's zone: the period's days are its days. */
  timeZone: string;
}

/** A master whose working time the period offered. */
export interface AnalyticsMaster {
  masterId: number;
  locationId: number;
  schedule: MasterSchedule;
}

export interface AnalyticsInput {
  /** First and last day of the period, both included, on each location's own calendar. */
  period: DateRange;
  bookings: readonly AnalyticsBooking[];
  masters: readonly AnalyticsMaster[];
  holidays: readonly DateRange[];
  /** Each client's first visit marked done, ever (clients who never had one may be left out). */
  firstDoneVisit: ReadonlyMap<number, Date>;
}

/** The figures of one group of bookings (all of them, one location, one master, one service). */
export interface AnalyticsFigures {
  /** Every booking starting in the period, whatever became of it. */
  bookings: number;
  done: number;
  noShows: number;
  cancelled: { total: number; byClient: number; byStaff: number; holdExpired: number };
  /** no-shows / (done + no-shows); null when nobody was due yet. */
  noShowRate: number | null;
  /** cancelled / bookings; null without bookings. */
  cancellationRate: number | null;
  /** Price snapshots of the visits done, per currency (minor units), currencies in alphabetical order. */
  revenue: { currency: string; amountMinor: number }[];
  /** Minutes of the visits done, confirmed or missed. */
  bookedMinutes: number;
  /** Minutes the masters of the group were scheduled to work; null for a service (it has no hours of its own). */
  workingMinutes: number | null;
  /** bookedMinutes / workingMinutes; null when there were no working minutes to fill. */
  occupancy: number | null;
  /** Distinct clients with a booking that was not cancelled. */
  clients: number;
  /** Those of them who had already had a visit done before their first such booking in the period. */
  returningClients: number;
  /** returningClients / clients; null without clients. */
  returningShare: number | null;
}

/** One group's figures under the id of its location, master or service. */
export interface AnalyticsGroup extends AnalyticsFigures {
  id: number;
}

/** One day's figures: the bookings starting that day in their location's zone, the hours every master was scheduled for it. */
export interface AnalyticsDay extends AnalyticsFigures {
  date: PlainDate;
}

export interface AnalyticsReport {
  total: AnalyticsFigures;
  /** Every day of the period, first to last, idle days with zeros. */
  byDay: AnalyticsDay[];
  byLocation: AnalyticsGroup[];
  byMaster: AnalyticsGroup[];
  byService: AnalyticsGroup[];
}

const OCCUPYING: ReadonlySet<BookingStatus> = new Set(["done", "confirmed", "no_show"]);

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Minutes each master was scheduled to work on each day of the period (index 0: its first day): weekly hours, days off, holidays and overrides applied. */
export function workingMinutesByDay(masters: readonly AnalyticsMaster[], holidays: readonly DateRange[], period: DateRange): Map<number, number[]> {
  const minutes = new Map<number, number[]>();
  const days = daysBetween(period.from, period.to);
  for (const master of masters) {
    const perDay: number[] = [];
    for (let offset = 0; offset <= days; offset++) {
      let total = 0;
      for (const interval of workingHoursOn(master.schedule, holidays, addDays(period.from, offset))) total += interval.end - interval.start;
      perDay.push(total);
    }
    minutes.set(master.masterId, perDay);
  }
  return minutes;
}

function figuresOf(bookings: readonly AnalyticsBooking[], workingMinutes: number | null, firstDoneVisit: ReadonlyMap<number, Date>): AnalyticsFigures {
  const cancelled = { total: 0, byClient: 0, byStaff: 0, holdExpired: 0 };
  const revenue = new Map<string, number>();
  const firstBooking = new Map<number, number>();
  let done = 0;
  let noShows = 0;
  let bookedMinutes = 0;
  for (const booking of bookings) {
    if (booking.status === "cancelled") {
      cancelled.total += 1;
      if (booking.cancelledBy === "client") cancelled.byClient += 1;
      else if (booking.cancelledBy === "staff") cancelled.byStaff += 1;
      else cancelled.holdExpired += 1;
      continue;
    }
    if (booking.status === "done") {
      done += 1;
      revenue.set(booking.currency, (revenue.get(booking.currency) ?? 0) + booking.priceMinor);
    }
    if (booking.status === "no_show") noShows += 1;
    if (OCCUPYING.has(booking.status)) bookedMinutes += booking.durationMin;
    const start = booking.startsAt.getTime();
    firstBooking.set(booking.clientId, Math.min(firstBooking.get(booking.clientId) ?? start, start));
  }
  let returningClients = 0;
  for (const [clientId, start] of firstBooking) {
    const firstDone = firstDoneVisit.get(clientId);
    if (firstDone !== undefined && firstDone.getTime() < start) returningClients += 1;
  }
  return {
    bookings: bookings.length,
    done,
    noShows,
    cancelled,
    noShowRate: ratio(noShows, done + noShows),
    cancellationRate: ratio(cancelled.total, bookings.length),
    revenue: [...revenue].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor })),
    bookedMinutes,
    workingMinutes,
    occupancy: workingMinutes === null ? null : ratio(bookedMinutes, workingMinutes),
    clients: firstBooking.size,
    returningClients,
    returningShare: ratio(returningClients, firstBooking.size),
  };
}

function groupBy<K>(bookings: readonly AnalyticsBooking[], keyOf: (booking: AnalyticsBooking) => K, keys: Iterable<K>): Map<K, AnalyticsBooking[]> {
  const groups = new Map<K, AnalyticsBooking[]>();
  for (const key of keys) groups.set(key, []);
  for (const booking of bookings) {
    const key = keyOf(booking);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [booking]);
    else group.push(booking);
  }
  return groups;
}

const byId = (a: AnalyticsGroup, b: AnalyticsGroup) => a.id - b.id;

/**
 * The period's figures in total, by day, by location, by master and by service. A booking belongs
 * to the period (and to its day) when it starts on one of its days in its location's zone. Every
 * master given appears (with zeros when idle), so a master with hours and no bookings shows 0 %
 * occupancy; every day appears too.
 */
export function analyticsOf(input: AnalyticsInput): AnalyticsReport {
  const { period, firstDoneVisit } = input;
  const dayOf = new Map(input.bookings.map((booking) => [booking, instantToZoned(booking.startsAt, booking.timeZone).date]));
  const inPeriod = input.bookings.filter((booking) => {
    const day = dayOf.get(booking)!;
    return period.from <= day && day <= period.to;
  });
  const workingByDay = workingMinutesByDay(input.masters, input.holidays, period);
  const working = new Map([...workingByDay].map(([masterId, perDay]) => [masterId, perDay.reduce((total, minutes) => total + minutes, 0)]));
  const minutesWhere = (keep: (master: AnalyticsMaster) => boolean) =>
    input.masters.filter(keep).reduce((sum, master) => sum + (working.get(master.masterId) ?? 0), 0);
  const dates = Array.from({ length: daysBetween(period.from, period.to) + 1 }, (_, offset) => addDays(period.from, offset));
  const minutesOnDay = (offset: number) => [...workingByDay.values()].reduce((sum, perDay) => sum + (perDay[offset] ?? 0), 0);

  const days = groupBy(inPeriod, (booking) => dayOf.get(booking)!, dates);
  const locations = groupBy(inPeriod, (booking) => booking.locationId, input.masters.map((master) => master.locationId));
  const masters = groupBy(inPeriod, (booking) => booking.masterId, input.masters.map((master) => master.masterId));
  const services = groupBy(inPeriod, (booking) => booking.serviceId, []);
  return {
    total: figuresOf(inPeriod, minutesWhere(() => true), firstDoneVisit),
    byDay: dates.map((date, offset) => ({ date, ...figuresOf(days.get(date) ?? [], minutesOnDay(offset), firstDoneVisit) })),
    byLocation: [...locations]
      .map(([id, bookings]) => ({ id, ...figuresOf(bookings, minutesWhere((master) => master.locationId === id), firstDoneVisit) }))
      .sort(byId),
    byMaster: [...masters].map(([id, bookings]) => ({ id, ...figuresOf(bookings, minutesWhere((master) => master.masterId === id), firstDoneVisit) })).sort(byId),
    byService: [...services].map(([id, bookings]) => ({ id, ...figuresOf(bookings, null, firstDoneVisit) })).sort(byId),
  };
}
