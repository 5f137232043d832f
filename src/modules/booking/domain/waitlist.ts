import type { PlainDate } from "../../../platform/domain/zoned-time.ts";

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
