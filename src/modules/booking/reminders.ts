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
