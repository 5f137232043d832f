import { sql, type Kysely } from "kysely";

/**
 * Refunds staff made in the payment provider for prepayments that came too late: when, by whom,
 * and an optional note (the provider's refund id). Only a payment flagged for a refund can carry
 * one, and it is recorded once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table booking_payment
      add column refunded_at timestamptz,
      add column refunded_by bigint,
      add column refund_note text check (refund_note is null or length(refund_note) between 1 and 200),
      add constraint booking_payment_refund_of_flagged check (refunded_at is null or outcome = 'refund-needed');
    create index booking_payment_to_refund on booking_payment (bot_id, paid_at) where outcome = 'refund-needed';
  `.execute(db);
}
