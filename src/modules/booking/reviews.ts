import type { Kysely, Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../platform/audit/use-case.ts";
import type { EventHandler } from "../../platform/module.ts";
import { clientView, queueMessage, type Messenger } from "./client-notice.ts";
import { checkReviewText, isStars } from "./domain/review.ts";
import { reviewStarsButton } from "./callbacks.ts";
import { lockBooking, type Tables } from "./repo.ts";

type Trx = Transaction<Tables>;

/** The scheduled event kind of a review request. */
export const REVIEW_EVENT = "booking.review-request";

/**
 * How long after a visit is marked done the client is asked for a review: two hours, so the
 * question comes once they have left, not while they are still paying at the desk.
 */
export const REVIEW_DELAY_MS = 2 * 3_600_000;


/**
 * Sends the review request: 1-5 star buttons, in the client's language. The review row is
 * written here, so a visit is asked about once whatever happens to the event.
 */
export const askForReview = defineUseCase(
  "booking.review.ask",
  async (trx: Trx, actor: Actor, input: { messenger: Messenger; bookingId: number }): Promise<UseCaseOutcome<{ asked: boolean }>> => {
    const booking = await lockBooking(trx, actor.botId, input.bookingId);
    if (booking?.status !== "done") return { result: { asked: false }, audit: null };
    const client = await clientView(trx, input.messenger, booking);
    if (client === undefined) return { result: { asked: false }, audit: null };
    const asked = await trx
      .insertInto("booking_review")
      .values({ bot_id: booking.bot_id, booking_id: booking.id, client_id: booking.client_id, master_id: booking.master_id, stars: null, text: null, asked_at: input.messenger.now() })
      .onConflict((conflict) => conflict.column("booking_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (asked === undefined) return { result: { asked: false }, audit: null };
    await queueMessage(trx, {
      botId: booking.bot_id,
      chatId: client.telegramId,
      text: client.t("booking-review-ask"),
      dedupeKey: `booking:${booking.id}:review`,
      buttons: [[1, 2, 3, 4, 5].map((stars) => ({ text: "⭐".repeat(stars), callback_data: reviewStarsButton.data({ bookingId: booking.id, stars }) }))],
    });
    return { result: { asked: true }, audit: { objectType: "booking_review", objectId: asked.id, after: { bookingId: booking.id, asked: true } } };
  },
);

export type RateOutcome = { ok: true } | { ok: false; reason: "not-found" | "stars-invalid" | "already-rated" };

/** The client gives 1-5 stars for a visit they were asked about; once. */
export const rateVisit = defineUseCase(
  "booking.review.rate",
  async (trx: Trx, actor: Actor, input: { bookingId: number; stars: number; now: Date }): Promise<UseCaseOutcome<RateOutcome>> => {
    if (!isStars(input.stars)) return { result: { ok: false, reason: "stars-invalid" }, audit: null };
    const review = await ownReview(trx, actor, input.bookingId);
    if (review === undefined) return { result: { ok: false, reason: "not-found" }, audit: null };
    if (review.stars !== null) return { result: { ok: false, reason: "already-rated" }, audit: null };
    await trx.updateTable("booking_review").set({ stars: input.stars, rated_at: input.now }).where("id", "=", review.id).execute();
    return { result: { ok: true }, audit: { objectType: "booking_review", objectId: review.id, after: { stars: input.stars } } };
  },
);

export type CommentOutcome = { ok: true } | { ok: false; reason: "not-found" | "not-rated" | "already-commented" | "review-text-empty" | "review-text-too-long" };

/** The client adds the optional text to their rating; once, 1-1000 characters. */
export const commentOnVisit = defineUseCase(
  "booking.review.comment",
  async (trx: Trx, actor: Actor, input: { bookingId: number; text: string; now: Date }): Promise<UseCaseOutcome<CommentOutcome>> => {
    const check = checkReviewText(input.text);
    if (!check.ok) return { result: { ok: false, reason: check.reason }, audit: null };
    const review = await ownReview(trx, actor, input.bookingId);
    if (review === undefined) return { result: { ok: false, reason: "not-found" }, audit: null };
    if (review.stars === null) return { result: { ok: false, reason: "not-rated" }, audit: null };
    if (review.text !== null) return { result: { ok: false, reason: "already-commented" }, audit: null };
    await trx.updateTable("booking_review").set({ text: check.text, commented_at: input.now }).where("id", "=", review.id).execute();
    return { result: { ok: true }, audit: { objectType: "booking_review", objectId: review.id, after: { text: check.text } } };
  },
);

async function ownReview(trx: Trx, actor: Actor, bookingId: number) {
  return trx
    .selectFrom("booking_review")
    .innerJoin("booking_client", "booking_client.id", "booking_review.client_id")
    .selectAll("booking_review")
    .where("booking_review.booking_id", "=", bookingId)
    .where("booking_review.bot_id", "=", actor.botId)
    .where("booking_client.telegram_id", "=", actor.personId)
    .forUpdate()
    .executeTakeFirst();
}

/** A master's reviews for staff, newest first: stars, text and when. */
export async function reviewsOfMaster(db: Trx | Kysely<Tables>, botId: string, masterId: number) {
  return db
    .selectFrom("booking_review")
    .select(["booking_id", "stars", "text", "rated_at"])
    .where("bot_id", "=", botId)
    .where("master_id", "=", masterId)
    .where("stars", "is not", null)
    .orderBy("rated_at", "desc")
    .execute();
}

/** The event handler of {@link REVIEW_EVENT}. */
export function reviewHandler(messenger: Messenger): EventHandler {
  return async (trx, event) => {
    const actor: Actor = { botId: event.bot_id, personId: null, source: "job" };
    await askForReview(trx, actor, { messenger, bookingId: (event.payload as { bookingId: number }).bookingId });
  };
}
