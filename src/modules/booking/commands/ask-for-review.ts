import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { reviewStarsButton } from "../callbacks.ts";
import { clientChatOf, tellClient } from "../effects/client-notice.ts";
import { lockBooking } from "../queries/bookings.ts";
import { type BookingTables } from "../tables.ts";

/**
 * Asks the client of a visit marked done for a review (the timed event `markVisit` schedules):
 * 1-5 star buttons, in their language. The review row is written here, so a visit is asked
 * about once whatever happens to the event; a walk-in booked by phone is not asked.
 */
export const askForReview = defineCommand("booking.review.ask", async (scope: CommandScope<BookingTables>, input: { bookingId: number }): Promise<UseCaseOutcome<{ asked: boolean }>> => {
  const booking = await lockBooking(scope.trx, scope.actor.botId, input.bookingId);
  if (booking?.status !== "done") return { result: { asked: false }, audit: null };
  if ((await clientChatOf(scope, booking.client_id)) === undefined) return { result: { asked: false }, audit: null };
  const asked = await scope.trx
    .insertInto("booking_review")
    .values({ bot_id: booking.bot_id, booking_id: booking.id, client_id: booking.client_id, master_id: booking.master_id, stars: null, text: null, asked_at: scope.now })
    .onConflict((conflict) => conflict.column("booking_id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (asked === undefined) return { result: { asked: false }, audit: null };
  await tellClient(scope, booking, {
    dedupeKey: `booking:${booking.id}:review`,
    key: "booking-review-ask",
    buttons: () => [[1, 2, 3, 4, 5].map((stars) => ({ text: "⭐".repeat(stars), callback_data: reviewStarsButton.data({ bookingId: booking.id, stars }) }))],
  });
  return { result: { asked: true }, audit: { objectType: "booking_review", objectId: asked.id, after: { bookingId: booking.id, asked: true } } };
});
