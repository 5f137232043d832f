import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { TranslationArgs } from "../../../platform/i18n/translator.ts";
import { reminderCancelButton, reminderComeButton } from "../callbacks.ts";
import { clientChatOf, tellClient } from "../effects/client-notice.ts";
import { lockBooking } from "../queries/bookings.ts";
import { type BookingTables } from "../tables.ts";

/** One reminder of one version of a booking, as its scheduled event carries it. */
export interface ReminderInput {
  bookingId: number;
  offsetMin: number;
  sequence: number;
  /** The event's key, also the message's, so a retried tick queues nothing twice. */
  dedupeKey: string;
}

/**
 * Sends one reminder to the client, in their language with the visit's local time ("in 2 hours"
 * for whole hours, "in 30 min" otherwise), with "I'll come" and "Cancel" buttons. A booking
 * cancelled, moved (another sequence) or already over gets nothing, and so does a walk-in
 * booked by phone.
 */
export const sendReminder = defineCommand("booking.reminder.send", async (scope: CommandScope<BookingTables>, input: ReminderInput): Promise<UseCaseOutcome<{ sent: boolean }>> => {
  const booking = await lockBooking(scope.trx, scope.actor.botId, input.bookingId);
  if (booking?.status !== "confirmed" || booking.sequence !== input.sequence) return { result: { sent: false }, audit: null };
  if (booking.starts_at.getTime() <= scope.now.getTime()) return { result: { sent: false }, audit: null };
  if ((await clientChatOf(scope, booking.client_id)) === undefined) return { result: { sent: false }, audit: null };
  const wholeHours = input.offsetMin % 60 === 0;
  const due: TranslationArgs = wholeHours ? { hours: input.offsetMin / 60 } : { minutes: input.offsetMin };
  const sent = await tellClient(scope, booking, {
    dedupeKey: input.dedupeKey,
    key: wholeHours ? "booking-reminder" : "booking-reminder-minutes",
    args: () => due,
    buttons: (t) => [
      [
        { text: t("booking-reminder-come"), callback_data: reminderComeButton.data({ bookingId: booking.id }) },
        { text: t("booking-reminder-cancel"), callback_data: reminderCancelButton.data({ bookingId: booking.id }) },
      ],
    ],
  });
  return { result: { sent }, audit: { objectType: "booking", objectId: booking.id, after: { reminder: input.dedupeKey, offsetMin: input.offsetMin } } };
});
