import type { Kysely, Transaction } from "kysely";
import type { Tables } from "./repo.ts";

type Trx = Transaction<Tables>;

/** The scheduled event kind of a review request. */
export const REVIEW_EVENT = "booking.review-request";

/**
 * How long after a visit is marked done the client is asked for a review: two hours, so the
 * question comes once they have left, not while they are still paying at the desk.
 */
export const REVIEW_DELAY_MS = 2 * 3_600_000;

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
