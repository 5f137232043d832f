import type { Kysely, Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../platform/audit/use-case.ts";
import { formatMoney } from "../../platform/domain/money.ts";
import { clientView, queueMessage, type Messenger } from "./client-notice.ts";
import type { Tables } from "./repo.ts";

type Trx = Transaction<Tables>;

/** Callback data of the "Refunded ✓" button on the staff notice of a late payment: `bkr:done:<payment id>`. */
export const REFUND_DONE = "bkr:done:";

/** The longest note staff may keep with a refund (a provider's refund id fits easily). */
export const REFUND_NOTE_MAX = 200;

export interface RefundInput {
  messenger: Messenger;
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
 * payments waits for a refund any more, and the client is told their prepayment was refunded.
 */
export const recordRefund = defineUseCase("booking.refund.record", async (trx: Trx, actor: Actor, input: RefundInput): Promise<UseCaseOutcome<RefundOutcome>> => {
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

  const refundedAt = input.messenger.now();
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
  const client = await clientView(trx, input.messenger, booking);
  if (client !== undefined) {
    await queueMessage(trx, {
      botId: booking.bot_id,
      chatId: client.telegramId,
      text: client.t("booking-refund-done", { amount: formatMoney(payment.amount_minor, payment.currency, client.locale) }),
      dedupeKey: `booking-payment:${payment.id}:refunded`,
    });
  }
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

/**
 * Prepayments flagged for a refund, with their booking, client and charge ids: those still to
 * refund (oldest first, they have waited longest) or those recorded (newest first).
 */
export async function flaggedPayments(db: Kysely<Tables> | Trx, botId: string, which: "to-refund" | "refunded", limit: number) {
  const rows = db
    .selectFrom("booking_payment")
    .innerJoin("booking", "booking.id", "booking_payment.booking_id")
    .innerJoin("booking_client", "booking_client.id", "booking.client_id")
    .innerJoin("booking_service", "booking_service.id", "booking.service_id")
    .innerJoin("booking_location", "booking_location.id", "booking.location_id")
    .leftJoin("person", "person.telegram_id", "booking_payment.refunded_by")
    .select([
      "booking_payment.id as paymentId",
      "booking_payment.booking_id as bookingId",
      "booking_client.name as client",
      "booking_client.phone as clientPhone",
      "booking_service.name as service",
      "booking.starts_at as visitAt",
      "booking_location.time_zone as timeZone",
      "booking_payment.amount_minor as amountMinor",
      "booking_payment.currency",
      "booking_payment.provider_payment_charge_id as providerChargeId",
      "booking_payment.telegram_payment_charge_id as telegramChargeId",
      "booking_payment.paid_at as paidAt",
      "booking_payment.refunded_at as refundedAt",
      "booking_payment.refunded_by as refundedById",
      "person.first_name as refundedBy",
      "booking_payment.refund_note as note",
    ])
    .where("booking_payment.bot_id", "=", botId)
    .where("booking_payment.outcome", "=", "refund-needed");
  return which === "to-refund"
    ? rows.where("booking_payment.refunded_at", "is", null).orderBy("booking_payment.paid_at", "asc").limit(limit).execute()
    : rows.where("booking_payment.refunded_at", "is not", null).orderBy("booking_payment.refunded_at", "desc").limit(limit).execute();
}
