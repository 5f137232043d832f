import type { Service } from "./catalogue.ts";

const MINUTE_MS = 60_000;

/** A stretch of real time, start included and end excluded, so back-to-back visits do not overlap. */
export interface TimeRange {
  start: Date;
  end: Date;
}

/** A class session that several clients join; seats held for unpaid bookings count as taken. */
export interface ClassSession {
  serviceId: string;
  /** When the class begins for its clients (the occupancy starts earlier by the buffer). */
  start: Date;
  seatsTaken: number;
  /** A snapshot of the service's capacity when the session was created. */
  capacity: number;
}

interface OccupancyBase extends TimeRange {
  id?: string;
  masterId: string;
}

/**
 * Time of a master that nobody else may book: from the start of the buffer before the visit to
 * the end of the buffer after it. An `appointment` is a booked visit, a `hold` a slot kept while
 * a client pays, an `offer` a freed slot kept for the next client on the waitlist, a `class` one
 * session whatever the number of clients in it, a `block` time staff took out of the master's
 * day. Cancelled and expired rows are not occupancies.
 */
export type Occupancy = (OccupancyBase & { kind: "appointment" | "hold" | "offer" | "block" }) | (OccupancyBase & { kind: "class"; session: ClassSession });

export type OccupancyKind = Occupancy["kind"];

/** True when the two ranges share any moment; a range ending at 10:00 and one starting at 10:00 do not. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** The client's visit starting at `start`: what they are told and what the booking snapshots. */
export function visitAt(start: Date, service: Pick<Service, "durationMin">): TimeRange {
  return { start, end: new Date(start.getTime() + service.durationMin * MINUTE_MS) };
}

/** The master's time a visit at `start` takes: the visit widened by both buffers. */
export function blockedBy(start: Date, service: Pick<Service, "durationMin" | "bufferBeforeMin" | "bufferAfterMin">): TimeRange {
  const visit = visitAt(start, service);
  return {
    start: new Date(visit.start.getTime() - service.bufferBeforeMin * MINUTE_MS),
    end: new Date(visit.end.getTime() + service.bufferAfterMin * MINUTE_MS),
  };
}

/**
 * The occupancies of `masterId` that `range` would collide with. `ignoreId` leaves out one
 * occupancy, the booking being moved, so a visit can be shifted by less than its length.
 */
export function conflictsFor(range: TimeRange, masterId: string, occupancies: readonly Occupancy[], ignoreId?: string): Occupancy[] {
  return occupancies.filter(
    (occupancy) => occupancy.masterId === masterId && (ignoreId === undefined || occupancy.id !== ignoreId) && overlaps(range, occupancy),
  );
}

/** Minutes of a master's time taken inside `range`, counting each occupancy's part within it. */
export function bookedMinutes(range: TimeRange, masterId: string, occupancies: readonly Occupancy[], ignoreId?: string): number {
  let total = 0;
  for (const occupancy of conflictsFor(range, masterId, occupancies, ignoreId)) {
    const start = Math.max(range.start.getTime(), occupancy.start.getTime());
    const end = Math.min(range.end.getTime(), occupancy.end.getTime());
    total += (end - start) / MINUTE_MS;
  }
  return total;
}
