import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { Translator } from "../../../platform/i18n/translator.ts";
import { clientView } from "../queries/client-view.ts";
import { invoiceKey } from "../effects/payment-hold.ts";
import { invoicePayload } from "../domain/invoice-payload.ts";
import { lockBooking } from "../queries/bookings.ts";
import { type BookingTables } from "../tables.ts";

export interface InvoiceInput {
  bookingId: number;
  /** The catalogue the invoice's title, description and price label are written from. */
  translator: Translator;
  /** Telegram Payments provider token (PAYMENT_PROVIDER_TOKEN). */
  providerToken?: string;
}

/**
 * Sends the Telegram Payments invoice of a pending booking whose hold is still live (the timed
 * event a prepaid booking schedules): the prepayment in minor units of the booking's snapshot
 * currency, the booking id as payload, in the client's language.
 */
export const sendInvoice = defineCommand("booking.invoice.send", async (scope: CommandScope<BookingTables>, input: InvoiceInput): Promise<UseCaseOutcome<{ sent: boolean }>> => {
  const { trx, now } = scope;
  const booking = await lockBooking(trx, scope.actor.botId, input.bookingId);
  if (booking?.status !== "pending" || booking.prepayment_minor === null || booking.hold_expires_at === null) return { result: { sent: false }, audit: null };
  if (booking.hold_expires_at.getTime() <= now.getTime()) return { result: { sent: false }, audit: null };
  const client = await clientView(trx, { translator: input.translator, languagesOf: () => scope.settings.languages }, booking);
  if (client === undefined) return { result: { sent: false }, audit: null };
  const minutes = Math.max(1, Math.round((booking.hold_expires_at.getTime() - now.getTime()) / 60_000));
  const sent = await scope.send({
    chatId: client.telegramId,
    method: "sendInvoice",
    payload: {
      chat_id: client.telegramId,
      title: String(client.args.service).slice(0, 32),
      description: client.t("booking-invoice-description", { minutes }).slice(0, 255),
      payload: invoicePayload(booking.id),
      provider_token: input.providerToken ?? "",
      currency: booking.currency,
      prices: [{ label: client.t("booking-invoice-label"), amount: booking.prepayment_minor }],
    },
    dedupeKey: invoiceKey(booking.id),
  });
  return { result: { sent }, audit: { objectType: "booking", objectId: booking.id, after: { invoice: booking.prepayment_minor, currency: booking.currency } } };
});
