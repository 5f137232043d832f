import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { decideBooking } from "../domain/decide-booking.ts";
import { tellMasters } from "../effects/master-notice.ts";
import { cancelHold } from "../effects/payment-hold.ts";
import { tellManagersToRefund } from "../effects/refund-notice.ts";
import { rescheduleReminders } from "../effects/reminders.ts";
import { bookingIdOfPayload } from "../domain/invoice-payload.ts";
import { lockBooking } from "../queries/bookings.ts";
import { occupanciesOf } from "../queries/offerings.ts";
import { type BookingRow, type BookingTables } from "../tables.ts";
import { recordChange } from "../effects/changes.ts";
import { aroundVisit, loadOffer, requestOf } from "../queries/offer.ts";
import { occupyForBooking, underSavepoint, WriteRefused } from "../effects/places.ts";
import { presentBooking } from "../views.ts";

type Scope = CommandScope<BookingTables>;

export interface PaymentInput {
  payload: string;
  currency: string;
  totalAmount: number;
  telegramChargeId: string;
  providerChargeId: string;
}

/** What a payment did: confirmed its pending booking, booked an expired one's slot again, or needs a refund by staff. */
export type PaymentOutcome =
  | { ok: true; outcome: "confirmed" | "rebooked" | "refund-needed"; bookingId: number; duplicate: boolean }
  | { ok: false; reason: "unknown-booking" };

/**
 * Records a successful payment, once per Telegram charge. A pending booking becomes confirmed
 * (its hold an appointment, its reminders scheduled; its master was told when it was made). A
 * payment after the hold expired books the same slot again if it is still free, and the master,
 * told it was cancelled, is told of it again; otherwise, or when the booking was cancelled or
 * already paid, the booking is flagged `refund_needed` and everyone who manages bookings is told:
 * the Bot API cannot refund provider payments, so staff refund in the provider.
 */
export const recordPayment = defineCommand("booking.payment.record", async (scope: Scope, input: PaymentInput): Promise<UseCaseOutcome<PaymentOutcome>> => {
  const { trx, actor, now } = scope;
  const bookingId = bookingIdOfPayload(input.payload);
  const before = bookingId === undefined ? undefined : await lockBooking(trx, actor.botId, bookingId);
  if (before === undefined) return { result: { ok: false, reason: "unknown-booking" }, audit: null };
  const known = await trx.selectFrom("booking_payment").select("outcome").where("telegram_payment_charge_id", "=", input.telegramChargeId).executeTakeFirst();
  if (known !== undefined) return { result: { ok: true, outcome: known.outcome, bookingId: before.id, duplicate: true }, audit: null };

  let after: BookingRow | undefined;
  let outcome: "confirmed" | "rebooked" | "refund-needed";
  if (before.status === "pending") {
    after = await confirmPaid(scope, before);
    outcome = "confirmed";
  } else if (before.status === "cancelled" && before.cancelled_by === "hold-expired") {
    after = await bookAgain(scope, before);
    outcome = after === undefined ? "refund-needed" : "rebooked";
  } else {
    outcome = "refund-needed";
  }
  const payment = await trx
    .insertInto("booking_payment")
    .values({
      bot_id: before.bot_id,
      booking_id: before.id,
      amount_minor: input.totalAmount,
      currency: input.currency,
      telegram_payment_charge_id: input.telegramChargeId,
      provider_payment_charge_id: input.providerChargeId,
      outcome,
      paid_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (outcome === "refund-needed") {
    after = await trx.updateTable("booking").set({ refund_needed: true, updated_at: sql`now()` }).where("id", "=", before.id).returningAll().executeTakeFirstOrThrow();
    await tellManagersToRefund(scope, after, { paymentId: payment.id, amountMinor: input.totalAmount, currency: input.currency, telegramChargeId: input.telegramChargeId, providerChargeId: input.providerChargeId });
  }
  const final = after ?? before;
  return {
    result: { ok: true, outcome, bookingId: before.id, duplicate: false },
    audit: { objectType: "booking", objectId: before.id, before: presentBooking(before), after: { ...presentBooking(final), payment: outcome } },
  };
});

async function confirmPaid(scope: Scope, before: BookingRow): Promise<BookingRow> {
  const { trx, actor, now } = scope;
  await trx
    .updateTable("booking_occupancy")
    .set({ kind: "appointment", expires_at: null })
    .where("booking_id", "=", before.id)
    .where("kind", "=", "hold")
    .where("active", "=", true)
    .execute();
  const after = await trx
    .updateTable("booking")
    .set({ status: "confirmed", hold_expires_at: null, updated_at: sql`now()` })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, now, "paid", before, after);
  await cancelHold(scope, before.id);
  await rescheduleReminders(scope, after);
  return after;
}

/** The slot of a booking whose hold expired, taken again if the rule engine and the occupancy table still allow it. */
async function bookAgain(scope: Scope, before: BookingRow): Promise<BookingRow | undefined> {
  const { trx, actor, now } = scope;
  if (before.class_session_id !== null) return undefined;
  const offer = await loadOffer(trx, actor.botId, before.master_id, before.service_id, before.duration_min);
  if (offer === undefined) return undefined;
  const occupancies = await occupanciesOf(trx, [before.master_id], aroundVisit(before.starts_at));
  // Staff-like: the client's notice and limit were checked when they booked; only the time itself must still be free.
  const decision = decideBooking(requestOf(offer, occupancies, now, { kind: "admin" }, before.starts_at));
  if (!decision.ok || decision.occupancy.kind === "class") return undefined;
  const written = await underSavepoint(trx, async () => {
    await occupyForBooking(trx, { botId: actor.botId, masterId: before.master_id, range: decision.occupancy, bookingId: before.id, holdExpiresAt: null });
    const after = await trx
      .updateTable("booking")
      .set((eb) => ({ status: "confirmed", cancelled_by: null, hold_expires_at: null, sequence: eb("sequence", "+", 1), updated_at: sql`now()` }))
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (after.status !== "confirmed") throw new WriteRefused("taken");
    return after;
  });
  if (!written.ok) return undefined;
  await recordChange(trx, actor, now, "rebooked", before, written.value);
  await rescheduleReminders(scope, written.value);
  await tellMasters(scope, "booked", written.value);
  return written.value;
}
