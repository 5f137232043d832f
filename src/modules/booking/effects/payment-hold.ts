import type { CommandScope } from "../../../platform/commands/command.ts";
import type { BookingRow, BookingTables } from "../tables.ts";

/** Scheduled event kinds: the invoice of a new pending booking, and the end of its hold. */
export const INVOICE_EVENT = "booking.invoice";
export const HOLD_EVENT = "booking.hold-expiry";

const holdKey = (bookingId: number) => `booking:${bookingId}:hold`;
/** Dedupe key of a booking's invoice event, also the invoice message's. */
export const invoiceKey = (bookingId: number) => `booking:${bookingId}:invoice`;

/**
 * For a booking made `pending` with a prepayment hold: schedules its invoice (sent by the next
 * tick, through the outbox) and the end of its hold, in the booking's command.
 */
export async function scheduleHold(scope: CommandScope<BookingTables>, booking: BookingRow): Promise<void> {
  if (booking.status !== "pending" || booking.hold_expires_at === null || booking.prepayment_minor === null) return;
  const payload = { bookingId: booking.id };
  await scope.schedule(INVOICE_EVENT, { dedupeKey: invoiceKey(booking.id), payload, dueAt: scope.now });
  await scope.schedule(HOLD_EVENT, { dedupeKey: holdKey(booking.id), payload, dueAt: booking.hold_expires_at });
}

/** Removes a booking's invoice and hold events not yet run (it was cancelled or paid). */
export async function cancelHold(scope: CommandScope<BookingTables>, bookingId: number): Promise<void> {
  await scope.unschedule(invoiceKey(bookingId));
  await scope.unschedule(holdKey(bookingId));
}
