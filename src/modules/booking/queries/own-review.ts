import type { Transaction } from "kysely";
import type { Actor } from "../../../platform/audit/use-case.ts";
import type { Tables } from "../tables.ts";

/** The actor's review of one of their visits, locked for the change they make to it. */
export function ownReview(trx: Transaction<Tables>, actor: Actor, bookingId: number) {
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
