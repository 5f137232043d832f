import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../platform/audit/use-case.ts";
import type { EventHandler } from "../../platform/module.ts";
import { chooseLocale } from "../../platform/i18n/choose-locale.ts";
import { enqueueOutbox } from "../../platform/telegram/outbox.ts";
import { formatMoney } from "../../platform/domain/money.ts";
import { clientView, queueMessage, type Messenger } from "./client-notice.ts";
import { formatVisitTime } from "./domain/display.ts";
import { decideBooking } from "./domain/decide-booking.ts";
import { REFUND_DONE } from "./refunds.ts";
import { lockBooking, occupanciesOf, type BookingRow, type Tables } from "./repo.ts";
import { recordChange } from "./service/changes.ts";
import { aroundVisit, loadOffer, requestOf } from "./service/offer.ts";
import { givePlaceBack, occupyForBooking, underSavepoint, WriteRefused } from "./service/places.ts";
import { presentBooking } from "./service/presenter.ts";
import { rescheduleReminders } from "./reminders.ts";
import { offerFreedSlot } from "./waitlist.ts";
import { HOLD_EVENT, INVOICE_EVENT, cancelHold, invoiceKey } from "./effects/payment-hold.ts";

type Trx = Transaction<Tables>;

/** Roles told about a payment staff must refund; owners always are. */
export interface PaymentStaff {
  /** Roles whose holders manage bookings (`booking.manage`). */
  managerRoles(): readonly string[];
}

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

/**
 * The hold of an unpaid booking ran out: the booking is cancelled as "hold expired", its slot
 * given back (and offered to the waitlist), and the client told. A booking paid, cancelled or
 * moved to a later hold meanwhile is left alone.
 */
export const expireHold = defineUseCase(
  "booking.hold.expire",
  async (trx: Trx, actor: Actor, input: { messenger: Messenger; bookingId: number }): Promise<UseCaseOutcome<{ expired: boolean }>> => {
    const now = input.messenger.now();
    const before = await lockBooking(trx, actor.botId, input.bookingId);
    if (before?.status !== "pending" || before.hold_expires_at === null || before.hold_expires_at.getTime() > now.getTime()) {
      return { result: { expired: false }, audit: null };
    }
    await givePlaceBack(trx, before, now);
    const after = await trx
      .updateTable("booking")
      .set((eb) => ({ status: "cancelled", cancelled_by: "hold-expired", sequence: eb("sequence", "+", 1), updated_at: sql`now()` }))
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, now, "hold-expired", before, after);
    const client = await clientView(trx, input.messenger, after);
    if (client !== undefined) {
      await queueMessage(trx, { botId: after.bot_id, chatId: client.telegramId, text: client.t("booking-hold-expired"), dedupeKey: `booking:${after.id}:hold-expired` });
    }
    if (before.class_session_id === null) {
      await offerFreedSlot(trx, actor, { messenger: input.messenger, masterId: before.master_id, start: before.starts_at, now });
    }
    return { result: { expired: true }, audit: { objectType: "booking", objectId: after.id, before: presentBooking(before), after: presentBooking(after) } };
  },
);

export interface PaymentInput {
  messenger: Messenger & PaymentStaff;
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
 * (its hold an appointment, its reminders scheduled). A payment after the hold expired books the
 * same slot again if it is still free; otherwise, or when the booking was cancelled or already
 * paid, the booking is flagged `refund_needed` and everyone who manages bookings is told: the
 * Bot API cannot refund provider payments, so staff refund in the provider.
 */
export const recordPayment = defineUseCase("booking.payment.record", async (trx: Trx, actor: Actor, input: PaymentInput): Promise<UseCaseOutcome<PaymentOutcome>> => {
  const now = input.messenger.now();
  const bookingId = bookingIdOfPayload(input.payload);
  const before = bookingId === undefined ? undefined : await lockBooking(trx, actor.botId, bookingId);
  if (before === undefined) return { result: { ok: false, reason: "unknown-booking" }, audit: null };
  const known = await trx.selectFrom("booking_payment").select("outcome").where("telegram_payment_charge_id", "=", input.telegramChargeId).executeTakeFirst();
  if (known !== undefined) return { result: { ok: true, outcome: known.outcome, bookingId: before.id, duplicate: true }, audit: null };

  let after: BookingRow | undefined;
  let outcome: "confirmed" | "rebooked" | "refund-needed";
  if (before.status === "pending") {
    after = await confirmPaid(trx, actor, before, now);
    outcome = "confirmed";
  } else if (before.status === "cancelled" && before.cancelled_by === "hold-expired") {
    after = await bookAgain(trx, actor, before, now);
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
    await tellManagers(trx, input, after, payment.id);
  }
  const final = after ?? before;
  return {
    result: { ok: true, outcome, bookingId: before.id, duplicate: false },
    audit: { objectType: "booking", objectId: before.id, before: presentBooking(before), after: { ...presentBooking(final), payment: outcome } },
  };
});

async function confirmPaid(trx: Trx, actor: Actor, before: BookingRow, now: Date): Promise<BookingRow> {
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
  await cancelHold(trx, before.id);
  await rescheduleReminders(trx, after, now);
  return after;
}

/** The slot of a booking whose hold expired, taken again if the rule engine and the occupancy table still allow it. */
async function bookAgain(trx: Trx, actor: Actor, before: BookingRow, now: Date): Promise<BookingRow | undefined> {
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
  await rescheduleReminders(trx, written.value, now);
  return written.value;
}

/** Tells everyone who manages bookings about a payment to refund, with a "Refunded ✓" button that records it. */
async function tellManagers(trx: Trx, input: PaymentInput, booking: BookingRow, paymentId: number): Promise<void> {
  const roles = [...new Set(["owner", ...input.messenger.managerRoles()])];
  const managers = await trx
    .selectFrom("role")
    .leftJoin("person", "person.telegram_id", "role.telegram_id")
    .leftJoin("bot_member", (join) => join.onRef("bot_member.bot_id", "=", "role.bot_id").onRef("bot_member.telegram_id", "=", "role.telegram_id"))
    .select(["role.telegram_id", "bot_member.language", "person.language_code"])
    .distinct()
    .where("role.bot_id", "=", booking.bot_id)
    .where("role.role", "in", roles)
    .execute();
  const place = await trx
    .selectFrom("booking_location")
    .select("time_zone")
    .where("id", "=", booking.location_id)
    .executeTakeFirstOrThrow();
  for (const manager of managers) {
    const locale = chooseLocale(manager.language, manager.language_code ?? undefined, input.messenger.languagesOf(booking.bot_id));
    const text = input.messenger.translator.translate(booking.bot_id, locale, "booking-refund-needed", {
      booking: booking.id,
      time: formatVisitTime(booking.starts_at, locale, place.time_zone),
      amount: formatMoney(input.totalAmount, input.currency, locale),
      charge: input.providerChargeId,
    });
    await queueMessage(trx, {
      botId: booking.bot_id,
      chatId: manager.telegram_id,
      text,
      dedupeKey: `booking:${booking.id}:refund:${input.telegramChargeId}:to:${manager.telegram_id}`,
      buttons: [[{ text: input.messenger.translator.translate(booking.bot_id, locale, "booking-refund-done-button"), callback_data: `${REFUND_DONE}${paymentId}` }]],
    });
  }
}

/** The event handlers of invoices and hold expiries. */
export function paymentHandlers(messenger: Messenger): Record<string, EventHandler> {
  const job = (botId: string): Actor => ({ botId, personId: null, source: "job" });
  const bookingOf = (payload: unknown) => (payload as { bookingId: number }).bookingId;
  return {
    [INVOICE_EVENT]: async (trx, event) => {
      await sendInvoice(trx, job(event.bot_id), { messenger, bookingId: bookingOf(event.payload) });
    },
    [HOLD_EVENT]: async (trx, event) => {
      await expireHold(trx, job(event.bot_id), { messenger, bookingId: bookingOf(event.payload) });
    },
  };
}
