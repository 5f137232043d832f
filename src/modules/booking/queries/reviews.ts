import type { Kysely, Transaction } from "kysely";
import type { Tables } from "../tables.ts";

type Trx = Transaction<Tables>;

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
