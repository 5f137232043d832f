import { sql, type Kysely } from "kysely";

/**
 * The booking module's time-bound parts: payments of prepayments (and a refund flag on the
 * booking when one came too late to use), the waitlist with its offers, and reviews. History
 * learns three events: the client said they will come, a payment confirmed a booking, a late
 * payment booked its slot again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table booking_history drop constraint booking_history_event_check;
    alter table booking_history add constraint booking_history_event_check
      check (event in ('booked', 'confirmed', 'cancelled', 'rescheduled', 'marked', 'hold-expired', 'coming', 'paid', 'rebooked'));

    alter table booking add column refund_needed boolean not null default false;

    create table booking_payment (
      id bigserial primary key,
      bot_id text not null references bot(id),
      booking_id bigint not null references booking(id),
      amount_minor bigint not null check (amount_minor > 0),
      currency text not null,
      telegram_payment_charge_id text not null unique,
      provider_payment_charge_id text not null,
      outcome text not null check (outcome in ('confirmed', 'rebooked', 'refund-needed')),
      paid_at timestamptz not null
    );
    create index booking_payment_by_booking on booking_payment (booking_id);

    create table booking_waitlist (
      id bigserial primary key,
      bot_id text not null references bot(id),
      client_id bigint not null references booking_client(id),
      service_id bigint not null references booking_service(id),
      master_id bigint references booking_master(id),
      date date not null,
      time_min integer check (time_min is null or time_min between 0 and 1439),
      status text not null check (status in ('waiting', 'offered', 'booked', 'declined', 'expired', 'withdrawn')),
      offered_start timestamptz,
      offered_master_id bigint references booking_master(id),
      offer_occupancy_id bigint references booking_occupancy(id),
      offer_expires_at timestamptz,
      booking_id bigint references booking(id),
      created_at timestamptz not null,
      updated_at timestamptz not null default now(),
      check ((status = 'offered') = (offer_occupancy_id is not null and offer_expires_at is not null))
    );
    create index booking_waitlist_in_line on booking_waitlist (bot_id, date, id) where status = 'waiting';
    create unique index booking_waitlist_one_wish on booking_waitlist (client_id, service_id, date, coalesce(master_id, 0), coalesce(time_min, -1))
      where status in ('waiting', 'offered');

    create table booking_review (
      id bigserial primary key,
      bot_id text not null references bot(id),
      booking_id bigint not null unique references booking(id),
      client_id bigint not null references booking_client(id),
      master_id bigint not null references booking_master(id),
      stars smallint check (stars is null or stars between 1 and 5),
      text text check (text is null or length(text) between 1 and 1000),
      asked_at timestamptz not null,
      rated_at timestamptz,
      commented_at timestamptz
    );
    create index booking_review_by_master on booking_review (master_id, rated_at);
  `.execute(db);
}
