import type { CommandScope } from "../../../platform/commands/command.ts";
import type { BookingRow, BookingTables } from "../tables.ts";
import { REVIEW_DELAY_MS, REVIEW_EVENT } from "../domain/review.ts";

/** Asks for the review of a visit just marked done, once: the event's key is the booking's. */
export async function scheduleReviewRequest(scope: CommandScope<BookingTables>, booking: BookingRow): Promise<void> {
  if (booking.status !== "done") return;
  await scope.schedule(REVIEW_EVENT, {
    dedupeKey: `booking:${booking.id}:review`,
    payload: { bookingId: booking.id },
    dueAt: new Date(scope.now.getTime() + REVIEW_DELAY_MS),
  });
}
