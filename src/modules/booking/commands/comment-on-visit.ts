import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { checkReviewText } from "../domain/review.ts";
import { ownReview } from "../queries/own-review.ts";
import type { BookingTables } from "../tables.ts";

export type CommentOutcome = { ok: true } | { ok: false; reason: "not-found" | "not-rated" | "already-commented" | "review-text-empty" | "review-text-too-long" };

/** The client adds the optional text to their rating; once, 1-1000 characters. */
export const commentOnVisit = defineCommand("booking.review.comment", async (scope: CommandScope<BookingTables>, input: { bookingId: number; text: string }): Promise<UseCaseOutcome<CommentOutcome>> => {
  const check = checkReviewText(input.text);
  if (!check.ok) return { result: { ok: false, reason: check.reason }, audit: null };
  const review = await ownReview(scope.trx, scope.actor, input.bookingId);
  if (review === undefined) return { result: { ok: false, reason: "not-found" }, audit: null };
  if (review.stars === null) return { result: { ok: false, reason: "not-rated" }, audit: null };
  if (review.text !== null) return { result: { ok: false, reason: "already-commented" }, audit: null };
  await scope.trx.updateTable("booking_review").set({ text: check.text, commented_at: scope.now }).where("id", "=", review.id).execute();
  return { result: { ok: true }, audit: { objectType: "booking_review", objectId: review.id, after: { text: check.text } } };
});
