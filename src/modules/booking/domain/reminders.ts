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
