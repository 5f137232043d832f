import { formatMinutes, instantToZoned, zonedDateTimeToInstant, zonedDay, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { decideBooking, type BookingContext, type BookingDecision, type BookingIntent, type MasterOffer } from "./decide-booking.ts";
import { workingHoursOn } from "./schedule.ts";

/** One day of one master, asked for by a client (or staff) with an intent. */
export type DayQuery = BookingContext & MasterOffer & BookingIntent & { date: PlainDate };

/** A start time a client can pick, with its exact instants and its labels on the location's clock. */
export interface Slot {
  /** UTC instant the visit begins; pass this back to `decideBooking`. */
  start: Date;
  /** UTC instant the visit ends (buffers not included). */
  end: Date;
  /** The local day and time shown to the client, e.g. `"2026-03-29"` and `"09:30"`. */
  date: PlainDate;
  time: string;
  endTime: string;
  /** 1 for a one-client service; for a class, the seats still free. */
  seatsFree: number;
}

/** A candidate start and what {@link decideBooking} says about it. */
export interface EvaluatedStart {
  start: Date;
  decision: BookingDecision;
}

/**
 * Every start worth asking about on `date`: each working interval's start, then every slot step
 * after it (on the wall clock; times the clocks skip are left out, times they repeat come once),
 * plus the start of any session of this class already on that day, even off the grid.
 */
export function candidateStarts(query: DayQuery): Date[] {
  const { date, service, timeZone } = query;
  const starts = new Map<number, Date>();
  for (const interval of workingHoursOn(query.schedule, query.holidays, date)) {
    for (let minutes = interval.start; minutes < interval.end; minutes += service.slotStepMin) {
      const start = zonedDateTimeToInstant(date, minutes, timeZone);
      if (start !== null) starts.set(start.getTime(), start);
    }
  }
  if (service.capacity > 1) {
    for (const occupancy of query.occupancies) {
      if (
        occupancy.kind === "class" &&
        occupancy.masterId === query.schedule.masterId &&
        occupancy.session.serviceId === service.id &&
        instantToZoned(occupancy.session.start, timeZone).date === date
      ) {
        starts.set(occupancy.session.start.getTime(), occupancy.session.start);
      }
    }
  }
  return [...starts.values()].sort((a, b) => a.getTime() - b.getTime());
}

/** A visit with its buffers is under a day long, so occupancies further than a day from the date cannot touch it. */
const DAY_MS = 86_400_000;

/** Each candidate start of the day with the engine's verdict; the month calendar reads the refusals. */
export function evaluateDay(query: DayQuery): EvaluatedStart[] {
  // A month view asks about ~10^4 starts; each needs only this master's rows near the day.
  const day = zonedDay(query.date, query.timeZone);
  const from = day.start.getTime() - DAY_MS;
  const to = day.end.getTime() + DAY_MS;
  const nearby = { ...query, occupancies: query.occupancies.filter((occupancy) => occupancy.masterId === query.schedule.masterId && occupancy.end.getTime() > from && occupancy.start.getTime() < to) };
  return candidateStarts(nearby).map((start) => ({ start, decision: decideBooking({ ...nearby, start }) }));
}

/** The slot a client sees for an accepted start. */
export function slotFrom(start: Date, decision: Extract<BookingDecision, { ok: true }>, timeZone: string): Slot {
  const zonedStart = instantToZoned(start, timeZone);
  return {
    start,
    end: decision.visit.end,
    date: zonedStart.date,
    time: formatMinutes(zonedStart.minutes),
    endTime: formatMinutes(instantToZoned(decision.visit.end, timeZone).minutes),
    seatsFree: decision.seatsFree,
  };
}

/**
 * The times a client can book with this master on `date`, earliest first. Each is exactly a start
 * {@link decideBooking} accepts for the same query, so what is offered can be booked.
 */
export function slotsForDay(query: DayQuery): Slot[] {
  const slots: Slot[] = [];
  for (const { start, decision } of evaluateDay(query)) {
    if (decision.ok) slots.push(slotFrom(start, decision, query.timeZone));
  }
  return slots;
}
