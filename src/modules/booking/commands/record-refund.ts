import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { tellClient } from "../effects/client-notice.ts";
import { REFUND_NOTE_MAX } from "../queries/refunds.ts";
import type { BookingTables } from "../tables.ts";

export interface RefundInput {
  paymentId: number;
  /** The provider's refund id or a word on how it was refunded; blank means none. */
  note?: string | null;
}

export type RefundOutcome =
  | { ok: true; paymentId: number; bookingId: number; amountMinor: number; currency: string; refundedAt: Date }
  | { ok: false; reason: "refund-not-found" | "refund-already-recorded" | "refund-note-too-long" };

/**
 * Staff record that they refunded, in the payment provider, a prepayment flagged for a refund
 * (the Bot API cannot refund it): when, by whom, with an optional note. Recorded once; a second
 * attempt is refused and changes nothing. The booking's refund flag clears when none of its
 * payments waits for a refund any more, and the client is told their prepayment was refunded. Staff record it from the notice's
 * button in the bot or from the panel's Refunds.
 */
export const recordRefund = defineCommand("booking.refund.record", async (scope: CommandScope<BookingTables>, input: RefundInput): Promise<UseCaseOutcome<RefundOutcome>> => {
  const { trx, actor } = scope;
  if (actor.personId === null) throw new Error("a refund is recorded by a person: the actor must be one");
  const note = input.note?.trim() ?? "";
  if (note.length > REFUND_NOTE_MAX) return { result: { ok: false, reason: "refund-note-too-long" }, audit: null };
  const payment = await trx
    .selectFrom("booking_payment")
    .selectAll()
    .where("id", "=", input.paymentId)
    .where("bot_id", "=", actor.botId)
    .where("outcome", "=", "refund-needed")
    .forUpdate()
    .executeTakeFirst();
  if (payment === undefined) return { result: { ok: false, reason: "refund-not-found" }, audit: null };
  if (payment.refunded_at !== null) return { result: { ok: false, reason: "refund-already-recorded" }, audit: null };

  const refundedAt = scope.now;
  await trx
    .updateTable("booking_payment")
    .set({ refunded_at: refundedAt, refunded_by: actor.personId, refund_note: note === "" ? null : note })
    .where("id", "=", payment.id)
    .execute();
  const open = await trx
    .selectFrom("booking_payment")
    .select("id")
    .where("booking_id", "=", payment.booking_id)
    .where("outcome", "=", "refund-needed")
    .where("refunded_at", "is", null)
    .executeTakeFirst();
  const booking = await trx
    .updateTable("booking")
    .set({ refund_needed: open !== undefined })
    .where("id", "=", payment.booking_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await tellClient(scope, booking, {
    dedupeKey: `booking-payment:${payment.id}:refunded`,
    key: "booking-refund-done",
    args: (locale) => ({ amount: formatMoney(payment.amount_minor, payment.currency, locale) }),
  });
  return {
    result: { ok: true, paymentId: payment.id, bookingId: booking.id, amountMinor: payment.amount_minor, currency: payment.currency, refundedAt },
    audit: {
      objectType: "booking_payment",
      objectId: payment.id,
      before: { bookingId: booking.id, refundedAt: null },
      after: { bookingId: booking.id, amountMinor: payment.amount_minor, currency: payment.currency, refundedAt: refundedAt.toISOString(), note: note === "" ? null : note },
    },
  };
});
