import type { CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { formatVisitTime } from "../domain/display.ts";
import { refundDoneButton } from "../callbacks.ts";
import type { BookingRow, BookingTables } from "../tables.ts";

/** A payment that arrived too late to use, as its refund notice names it. */
export interface LatePayment {
  paymentId: number;
  amountMinor: number;
  currency: string;
  telegramChargeId: string;
  providerChargeId: string;
}

/**
 * Tells everyone who manages bookings (`booking.manage`, owners always), each in their language,
 * about a payment to refund in the provider, with a "Refunded ✓" button that records it.
 */
export async function tellManagersToRefund(scope: CommandScope<BookingTables>, booking: BookingRow, payment: LatePayment): Promise<number> {
  const place = await scope.trx.selectFrom("booking_location").select("time_zone").where("id", "=", booking.location_id).executeTakeFirstOrThrow();
  return scope.tellHolders("booking.manage", {
    dedupeKey: `booking:${booking.id}:refund:${payment.telegramChargeId}`,
    render: (locale, t) => ({
      text: t("booking-refund-needed", {
        booking: booking.id,
        time: formatVisitTime(booking.starts_at, locale, place.time_zone),
        amount: formatMoney(payment.amountMinor, payment.currency, locale),
        charge: escapeHtml(payment.providerChargeId),
      }),
      buttons: [[{ text: t("booking-refund-done-button"), callback_data: refundDoneButton.data({ paymentId: payment.paymentId }) }]],
    }),
  });
}
