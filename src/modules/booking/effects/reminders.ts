import type { CommandScope } from "../../../platform/commands/command.ts";
import { reminderTimes } from "../domain/reminders.ts";
import { REMINDER_EVENT, reminderKey } from "../domain/reminders.ts";
import { botRules } from "../queries/rules.ts";
import { type BookingRow, type BookingTables } from "../tables.ts";

/**
 * Schedules the reminders of a confirmed booking (the bot's offsets, 24 h and 2 h before by
 * default); a reminder whose time has passed is left out.
 */
export async function scheduleReminders(scope: CommandScope<BookingTables>, booking: BookingRow): Promise<void> {
  if (booking.status !== "confirmed") return;
  const { reminderOffsetsMin } = await botRules(scope.trx, booking.bot_id);
  for (const { offsetMin, dueAt } of reminderTimes(booking.starts_at, reminderOffsetsMin, scope.now)) {
    await scope.schedule(REMINDER_EVENT, {
      dedupeKey: reminderKey(booking.id, offsetMin, booking.sequence),
      payload: { bookingId: booking.id, offsetMin, sequence: booking.sequence },
      dueAt,
    });
  }
}

/**
 * Removes the booking's reminders not yet sent, whatever their offset and version: by key
 * prefix, since the offsets may have changed in the rules since they were scheduled.
 */
export async function cancelReminders(scope: CommandScope<BookingTables>, bookingId: number): Promise<void> {
  await scope.trx
    .deleteFrom("scheduled_event")
    .where("kind", "=", REMINDER_EVENT)
    .where("dedupe_key", "like", `booking:${bookingId}:reminder:%`)
    .where("done_at", "is", null)
    .execute();
}

/** The reminders of a booking that changed (moved, paid): the old ones dropped, new ones for its new version while it is confirmed. */
export async function rescheduleReminders(scope: CommandScope<BookingTables>, after: BookingRow): Promise<void> {
  await cancelReminders(scope, after.id);
  await scheduleReminders(scope, after);
}
