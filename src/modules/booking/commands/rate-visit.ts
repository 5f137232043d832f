import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { isStars } from "../domain/review.ts";
import { ownReview } from "../queries/own-review.ts";
import type { BookingTables } from "../tables.ts";

export type RateOutcome = { ok: true } | { ok: false; reason: "not-found" | "stars-invalid" | "already-rated" };

/** The client gives 1-5 stars for a visit they were asked about; once. */
export const rateVisit = defineCommand("booking.review.rate", async (scope: CommandScope<BookingTables>, input: { bookingId: number; stars: number }): Promise<UseCaseOutcome<RateOutcome>> => {
  if (!isStars(input.stars)) return { result: { ok: false, reason: "stars-invalid" }, audit: null };
  const review = await ownReview(scope.trx, scope.actor, input.bookingId);
  if (review === undefined) return { result: { ok: false, reason: "not-found" }, audit: null };
  if (review.stars !== null) return { result: { ok: false, reason: "already-rated" }, audit: null };
  await scope.trx.updateTable("booking_review").set({ stars: input.stars, rated_at: scope.now }).where("id", "=", review.id).execute();
  return { result: { ok: true }, audit: { objectType: "booking_review", objectId: review.id, after: { stars: input.stars } } };
});
