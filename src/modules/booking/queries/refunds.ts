import type { Kysely, Transaction } from "kysely";
import type { Tables } from "../tables.ts";

type Trx = Transaction<Tables>;

/** The longest note staff may keep with a refund (a provider's refund id fits easily). */
export const REFUND_NOTE_MAX = 200;

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

/** How many prepayments wait for staff to refund them in the provider. */
export async function refundsToMake(db: Kysely<Tables> | Trx, botId: string): Promise<number> {
  const row = await db
    .selectFrom("booking_payment")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("outcome", "=", "refund-needed")
    .where("refunded_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
