import type { Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../platform/audit/use-case.ts";
import { enqueueOutbox } from "../../platform/telegram/outbox.ts";
import { clientView, type Messenger } from "./client-notice.ts";
import { lockBooking, type Tables } from "./repo.ts";
import { invoiceKey } from "./effects/payment-hold.ts";

type Trx = Transaction<Tables>;

/** The invoice's payload: the booking id, which is all a pre-checkout query and a payment carry back. */
export function invoicePayload(bookingId: number): string {
  return String(bookingId);
}

export function bookingIdOfPayload(payload: string): number | undefined {
  return /^\d{1,15}$/.test(payload) ? Number(payload) : undefined;
}

/**
 * Sends the Telegram Payments invoice of a pending booking whose hold is still live: the
 * prepayment in minor units of the booking's snapshot currency, the booking id as payload.
 */
export const sendInvoice = defineUseCase(
  "booking.invoice.send",
  async (trx: Trx, actor: Actor, input: { messenger: Messenger; bookingId: number }): Promise<UseCaseOutcome<{ sent: boolean }>> => {
    const booking = await lockBooking(trx, actor.botId, input.bookingId);
    const now = input.messenger.now();
    if (booking?.status !== "pending" || booking.prepayment_minor === null || booking.hold_expires_at === null) return { result: { sent: false }, audit: null };
    if (booking.hold_expires_at.getTime() <= now.getTime()) return { result: { sent: false }, audit: null };
    const client = await clientView(trx, input.messenger, booking);
    if (client === undefined) return { result: { sent: false }, audit: null };
    const minutes = Math.max(1, Math.round((booking.hold_expires_at.getTime() - now.getTime()) / 60_000));
    const title = String(client.args.service).slice(0, 32);
    const sent = await enqueueOutbox(trx, {
      botId: booking.bot_id,
      chatId: client.telegramId,
      method: "sendInvoice",
      payload: {
        chat_id: client.telegramId,
        title,
        description: client.t("booking-invoice-description", { minutes }).slice(0, 255),
        payload: invoicePayload(booking.id),
        provider_token: input.messenger.paymentProviderToken ?? "",
        currency: booking.currency,
        prices: [{ label: client.t("booking-invoice-label"), amount: booking.prepayment_minor }],
      },
      dedupeKey: invoiceKey(booking.id),
    });
    return { result: { sent }, audit: { objectType: "booking", objectId: booking.id, after: { invoice: booking.prepayment_minor, currency: booking.currency } } };
  },
);

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
