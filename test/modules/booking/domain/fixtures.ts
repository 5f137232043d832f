import type { Service } from "../../../../src/modules/booking/domain/catalogue.ts";
import type { BookingContext } from "../../../../src/modules/booking/domain/decide-booking.ts";
import type { Occupancy } from "../../../../src/modules/booking/domain/occupancy.ts";
import { DEFAULT_BOOKING_RULES, type BookingRules } from "../../../../src/modules/booking/domain/rules.ts";
import type { MasterSchedule, WorkingInterval } from "../../../../src/modules/booking/domain/schedule.ts";
import type { Slot } from "../../../../src/modules/booking/domain/slots.ts";

export const BERLIN = "Europe/Berlin";
export const TASHKENT = "Asia/Tashkent";

/** Minutes since midnight for a wall-clock time: `at(9, 30)` is 570. */
export function at(hours: number, minutes = 0): number {
  return hours * 60 + minutes;
}

/** An interval from wall-clock "HH:MM" strings. */
export function hours(from: string, to: string): WorkingInterval {
  const minutes = (time: string): number => {
    const [h, m] = time.split(":").map(Number);
    return at(h ?? 0, m ?? 0);
  };
  return { start: minutes(from), end: minutes(to) };
}

/** A one-hour haircut on a half-hour grid, no buffers, unless told otherwise. */
export function haircut(overrides: Partial<Service> = {}): Service {
  return {
    id: "haircut",
    active: true,
    durationMin: 60,
    priceMinor: 2500,
    currency: "EUR",
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    slotStepMin: 30,
    capacity: 1,
    ...overrides,
  };
}

/** A master with no weekly hours, days off or overrides unless given. */
export function scheduleOf(masterId: string, parts: Partial<Omit<MasterSchedule, "masterId">> = {}): MasterSchedule {
  return { masterId, weekly: {}, daysOff: [], overrides: [], ...parts };
}

/** A context with the default rules and nothing booked, unless told otherwise. */
export function contextAt(
  now: string,
  timeZone: string,
  parts: { occupancies?: Occupancy[]; rules?: Partial<BookingRules>; holidays?: BookingContext["holidays"] } = {},
): BookingContext {
  return {
    now: new Date(now),
    timeZone,
    rules: { ...DEFAULT_BOOKING_RULES, ...parts.rules },
    holidays: parts.holidays ?? [],
    occupancies: parts.occupancies ?? [],
  };
}

/** An appointment of `masterId` occupying `[start, end)` (buffers included). */
export function appointment(masterId: string, start: string, end: string, id?: string): Occupancy {
  return { id, masterId, kind: "appointment", start: new Date(start), end: new Date(end) };
}

/** A slot as the tests read it: local times, then the exact UTC start. */
export function described(slot: Slot): string {
  return `${slot.time}-${slot.endTime} ${slot.start.toISOString()}`;
}
