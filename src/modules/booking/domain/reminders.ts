const MINUTE_MS = 60_000;

/**
 * When a visit's reminders go out: `offsetMin` minutes of real time before `visitStart` (across a
 * daylight-saving change too), each offset once, soonest last. Offsets whose time is not after
 * `now` are left out: a booking made 3 hours ahead gets its 2-hour reminder, not its 24-hour one.
 */
export function reminderTimes(visitStart: Date, offsetsMin: readonly number[], now: Date): { offsetMin: number; dueAt: Date }[] {
  return [...new Set(offsetsMin)]
    .filter((offset) => Number.isSafeInteger(offset) && offset > 0)
    .sort((a, b) => b - a)
    .map((offsetMin) => ({ offsetMin, dueAt: new Date(visitStart.getTime() - offsetMin * MINUTE_MS) }))
    .filter(({ dueAt }) => dueAt.getTime() > now.getTime());
}

/** The scheduled event kind of a reminder. */
export const REMINDER_EVENT = "booking.reminder";

/**
 * The key of one reminder of one version of a booking. The booking's sequence is in it, so a
 * move schedules new reminders under new keys and the old ones are removed, never re-timed: a
 * reminder already sent for the old time does not stop the one for the new time.
 */
export function reminderKey(bookingId: number, offsetMin: number, sequence: number): string {
  return `booking:${bookingId}:reminder:${offsetMin}:${sequence}`;
}
