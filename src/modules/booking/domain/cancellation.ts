import type { BookingRules } from "./rules.ts";

const MINUTE_MS = 60_000;

export type CancelCheck = { ok: true } | { ok: false; reason: "cancel-window-closed" };

export type RescheduleCheck = { ok: true } | { ok: false; reason: "reschedule-window-closed" | "too-many-reschedules" };

/**
 * The last moment a client may still cancel or move a visit starting at `visitStart`, for a window
 * of `windowMin` minutes. It is real elapsed time: 24 hours before a visit at 12:00 on the day the
 * clocks spring forward is 11:00 the day before on the wall clock.
 */
export function deadlineBefore(visitStart: Date, windowMin: number): Date {
  return new Date(visitStart.getTime() - windowMin * MINUTE_MS);
}

function withinWindow(now: Date, visitStart: Date, windowMin: number): boolean {
  return now.getTime() < visitStart.getTime() && now.getTime() <= deadlineBefore(visitStart, windowMin).getTime();
}

/** Whether a client may cancel their visit themselves now; staff may cancel later, by the status rules. */
export function mayClientCancel(input: { now: Date; visitStart: Date; rules: BookingRules }): CancelCheck {
  return withinWindow(input.now, input.visitStart, input.rules.cancelWindowMin) ? { ok: true } : { ok: false, reason: "cancel-window-closed" };
}

/**
 * Whether a client may move their visit now. `rescheduleCount` is how many times this booking has
 * been moved already; the limit is checked first, since waiting never lifts it.
 */
export function mayClientReschedule(input: { now: Date; visitStart: Date; rules: BookingRules; rescheduleCount: number }): RescheduleCheck {
  if (input.rescheduleCount >= input.rules.maxReschedules) return { ok: false, reason: "too-many-reschedules" };
  if (!withinWindow(input.now, input.visitStart, input.rules.rescheduleWindowMin)) return { ok: false, reason: "reschedule-window-closed" };
  return { ok: true };
}
