/** The longest review text kept. */
export const MAX_REVIEW_TEXT = 1000;

/** Whether a rating is whole stars from 1 to 5. */
export function isStars(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

/** A review's text trimmed, or why it cannot be kept. */
export function checkReviewText(text: string): { ok: true; text: string } | { ok: false; reason: "review-text-empty" | "review-text-too-long" } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "review-text-empty" };
  if (trimmed.length > MAX_REVIEW_TEXT) return { ok: false, reason: "review-text-too-long" };
  return { ok: true, text: trimmed };
}

/** The scheduled event kind of a review request. */
export const REVIEW_EVENT = "booking.review-request";

/**
 * How long after a visit is marked done the client is asked for a review: two hours, so the
 * question comes once they have left, not while they are still paying at the desk.
 */
export const REVIEW_DELAY_MS = 2 * 3_600_000;
