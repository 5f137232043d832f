import type { Transaction } from "kysely";
import type { Tables } from "../tables.ts";
import { bookingIdOfPayload } from "../domain/invoice-payload.ts";

type Trx = Transaction<Tables>;

export type PreCheckoutAnswer = { ok: true } | { ok: false; reason: "booking-payment-unknown" | "booking-payment-expired" | "booking-payment-amount" };

/**
 * Whether Telegram may take the money (answered within seconds, so read-only): only for a
 * pending booking of this bot whose hold is still live, for exactly its prepayment.
 */
export async function checkPreCheckout(
  trx: Trx,
  query: { botId: string; payload: string; currency: string; totalAmount: number; now: Date },
): Promise<PreCheckoutAnswer> {
  const bookingId = bookingIdOfPayload(query.payload);
  if (bookingId === undefined) return { ok: false, reason: "booking-payment-unknown" };
  const booking = await trx.selectFrom("booking").selectAll().where("bot_id", "=", query.botId).where("id", "=", bookingId).executeTakeFirst();
  if (booking === undefined || booking.prepayment_minor === null) return { ok: false, reason: "booking-payment-unknown" };
  if (booking.status !== "pending" || booking.hold_expires_at === null || booking.hold_expires_at.getTime() <= query.now.getTime()) {
    return { ok: false, reason: "booking-payment-expired" };
  }
  if (booking.currency !== query.currency || booking.prepayment_minor !== query.totalAmount) return { ok: false, reason: "booking-payment-amount" };
  return { ok: true };
}
