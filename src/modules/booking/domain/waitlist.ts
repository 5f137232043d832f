import { zonedDateTimeToInstant, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { AnyMasterQuery } from "./any-master.ts";
import { decideBooking, type BookingRefusal } from "./decide-booking.ts";
import { bestDayLoad } from "./month-calendar.ts";

/** What a client on the waitlist asked for: a day, optionally one time, one master or any (null). */
export interface WaitlistWish {
  date: PlainDate;
  timeMin: number | null;
  masterId: number | null;
}

/** A freed slot on the location's wall clock. */
export interface FreedSlot {
  date: PlainDate;
  minutes: number;
  masterId: number;
}

/** Whether a freed slot meets a wish: the same day, the wished time if one was named, the wished master if one was named. */
export function waitlistMatches(wish: WaitlistWish, slot: FreedSlot): boolean {
  return wish.date === slot.date && (wish.timeMin === null || wish.timeMin === slot.minutes) && (wish.masterId === null || wish.masterId === slot.masterId);
}

/** Refusals that mean another booking has the time. */
const TAKEN: ReadonlySet<BookingRefusal> = new Set(["taken", "full"]);

/**
 * Whether a wish is for something really full, as the "Join the waitlist" button says: the day
 * marked full on the calendar, or the one time taken with every master of the query who works
 * then. A wish for a day or time that is still free, closed or gone is not.
 */
export function wishIsFull(query: AnyMasterQuery, wish: Pick<WaitlistWish, "date" | "timeMin">): boolean {
  if (wish.timeMin === null) return bestDayLoad({ ...query, date: wish.date }) === "full";
  const start = zonedDateTimeToInstant(wish.date, wish.timeMin, query.timeZone);
  if (start === null) return false;
  const decisions = query.masters.map((offer) => decideBooking({ ...query, ...offer, start }));
  return !decisions.some((decision) => decision.ok) && decisions.some((decision) => !decision.ok && TAKEN.has(decision.reason));
}

/** Scheduled event kinds: a slot was freed (offer it), and an offer ran out (offer it to the next). */
export const SLOT_FREED_EVENT = "booking.slot-freed";
export const OFFER_EXPIRY_EVENT = "booking.waitlist-offer-expiry";
