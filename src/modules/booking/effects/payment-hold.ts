import type { Transaction } from "kysely";
import { cancelEvent, scheduleEvent } from "../../../platform/jobs/scheduled-events.ts";
import type { BookingRow, Tables } from "../repo.ts";

type Trx = Transaction<Tables>;

/** Scheduled event kinds: the invoice of a new pending booking, and the end of its hold. */
export const INVOICE_EVENT = "booking.invoice";
export const HOLD_EVENT = "booking.hold-expiry";

const holdKey = (bookingId: number) => `booking:${bookingId}:hold`;
/** Dedupe key of a booking's invoice event, also the invoice message's. */
export const invoiceKey = (bookingId: number) => `booking:${bookingId}:invoice`;

/**
 * For a booking made `pending` with a prepayment hold: schedules its invoice (sent by the next
 * tick, through the outbox) and the end of its hold, in the booking's transaction.
 */
export async function scheduleHold(trx: Trx, booking: BookingRow, now: Date): Promise<void> {
  if (booking.status !== "pending" || booking.hold_expires_at === null || booking.prepayment_minor === null) return;
  const payload = { bookingId: booking.id };
  await scheduleEvent(trx, { botId: booking.bot_id, kind: INVOICE_EVENT, dedupeKey: invoiceKey(booking.id), payload, dueAt: now });
  await scheduleEvent(trx, { botId: booking.bot_id, kind: HOLD_EVENT, dedupeKey: holdKey(booking.id), payload, dueAt: booking.hold_expires_at });
}

/** Removes a booking's invoice and hold events not yet run (it was cancelled or paid). */
export async function cancelHold(trx: Trx, bookingId: number): Promise<void> {
  await cancelEvent(trx, invoiceKey(bookingId));
  await cancelEvent(trx, holdKey(bookingId));
}
