import { sql, type Kysely } from "kysely";

/**
 * The booking module's catalogue, schedules, rules, clients, bookings with their history, class
 * sessions and occupancies. Times are `timestamptz` (UTC); calendar days are `date` in the
 * location's zone; money is `bigint` minor units with a currency.
 *
 * `booking_occupancy` carries the guarantee the spec asks for: no two live occupancies of one
 * master overlap (buffers included), whoever writes them, by an exclusion constraint.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists btree_gist;

    create table booking_location (
      id bigserial primary key,
      bot_id text not null references bot(id),
      name text not null,
      address text,
      time_zone text not null,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create index booking_location_by_bot on booking_location (bot_id);

    create table booking_service (
      id bigserial primary key,
      bot_id text not null references bot(id),
      name text not null,
      description text,
      duration_min integer not null check (duration_min between 5 and 480),
      price_minor bigint not null check (price_minor >= 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      buffer_before_min integer not null default 0 check (buffer_before_min between 0 and 120),
      buffer_after_min integer not null default 0 check (buffer_after_min between 0 and 120),
      slot_step_min integer not null default 30 check (slot_step_min between 5 and 120),
      capacity integer not null default 1 check (capacity >= 1),
      active boolean not null default true,
      prepayment_minor bigint check (prepayment_minor is null or (prepayment_minor > 0 and prepayment_minor <= price_minor)),
      rule_overrides jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index booking_service_by_bot on booking_service (bot_id);

    create table booking_master (
      id bigserial primary key,
      bot_id text not null references bot(id),
      location_id bigint not null references booking_location(id),
      display_name text not null,
      telegram_id bigint,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create index booking_master_by_bot on booking_master (bot_id);
    create unique index booking_master_telegram on booking_master (bot_id, telegram_id) where telegram_id is not null;

    create table booking_master_service (
      master_id bigint not null references booking_master(id),
      service_id bigint not null references booking_service(id),
      duration_min integer check (duration_min is null or duration_min between 5 and 480),
      price_minor bigint check (price_minor is null or price_minor >= 0),
      primary key (master_id, service_id)
    );
    create index booking_master_service_by_service on booking_master_service (service_id);

    create table booking_weekly_hours (
      master_id bigint not null references booking_master(id),
      weekday smallint not null check (weekday between 1 and 7),
      start_min integer not null check (start_min between 0 and 1439),
      end_min integer not null check (end_min between 1 and 1440),
      check (start_min < end_min),
      primary key (master_id, weekday, start_min),
      exclude using gist (master_id with =, weekday with =, int4range(start_min, end_min) with &&)
    );

    create table booking_day_off (
      id bigserial primary key,
      master_id bigint not null references booking_master(id),
      from_date date not null,
      to_date date not null,
      reason text,
      created_at timestamptz not null default now(),
      check (from_date <= to_date)
    );
    create index booking_day_off_by_master on booking_day_off (master_id, to_date);

    create table booking_holiday (
      id bigserial primary key,
      bot_id text not null references bot(id),
      from_date date not null,
      to_date date not null,
      name text,
      created_at timestamptz not null default now(),
      check (from_date <= to_date)
    );
    create index booking_holiday_by_bot on booking_holiday (bot_id, to_date);

    create table booking_date_override (
      master_id bigint not null references booking_master(id),
      date date not null,
      intervals jsonb not null default '[]',
      primary key (master_id, date)
    );

    create table booking_rules (
      bot_id text primary key references bot(id),
      min_notice_min integer not null default 60 check (min_notice_min >= 0),
      horizon_days integer not null default 60 check (horizon_days >= 1),
      cancel_window_min integer not null default 1440 check (cancel_window_min >= 0),
      reschedule_window_min integer not null default 1440 check (reschedule_window_min >= 0),
      max_reschedules integer not null default 2 check (max_reschedules >= 0),
      max_active_per_client integer not null default 3 check (max_active_per_client >= 1),
      reminder_offsets_min integer[] not null default '{1440,120}',
      hold_min integer not null default 15 check (hold_min between 1 and 1440),
      updated_at timestamptz not null default now()
    );

    create table booking_client (
      id bigserial primary key,
      bot_id text not null references bot(id),
      telegram_id bigint,
      name text not null,
      phone text check (phone is null or phone ~ '^\\+[1-9][0-9]{6,14}$'),
      merged_into bigint references booking_client(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index booking_client_telegram on booking_client (bot_id, telegram_id) where telegram_id is not null;
    create unique index booking_client_phone on booking_client (bot_id, phone) where phone is not null;

    create table booking_class_session (
      id bigserial primary key,
      bot_id text not null references bot(id),
      service_id bigint not null references booking_service(id),
      master_id bigint not null references booking_master(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      capacity integer not null check (capacity >= 1),
      seats_taken integer not null default 0 check (seats_taken between 0 and capacity),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      check (starts_at < ends_at)
    );
    create unique index booking_class_session_one on booking_class_session (master_id, service_id, starts_at) where active;

    create table booking (
      id bigserial primary key,
      bot_id text not null references bot(id),
      client_id bigint not null references booking_client(id),
      master_id bigint not null references booking_master(id),
      service_id bigint not null references booking_service(id),
      location_id bigint not null references booking_location(id),
      class_session_id bigint references booking_class_session(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      status text not null check (status in ('pending', 'confirmed', 'done', 'no_show', 'cancelled')),
      cancelled_by text check (cancelled_by in ('client', 'staff', 'hold-expired')),
      price_minor bigint not null check (price_minor >= 0),
      currency text not null,
      duration_min integer not null,
      prepayment_minor bigint,
      reschedule_count integer not null default 0,
      sequence integer not null default 0,
      hold_expires_at timestamptz,
      created_by bigint,
      created_via text not null check (created_via in ('bot', 'web', 'job', 'system')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (starts_at < ends_at),
      check ((status = 'cancelled') = (cancelled_by is not null))
    );
    create index booking_upcoming_by_client on booking (client_id, starts_at) where status in ('pending', 'confirmed');
    create index booking_by_master on booking (master_id, starts_at);
    create index booking_by_bot on booking (bot_id, starts_at);
    create index booking_hold_due on booking (hold_expires_at) where status = 'pending' and hold_expires_at is not null;

    create table booking_history (
      id bigserial primary key,
      booking_id bigint not null references booking(id),
      event text not null check (event in ('booked', 'confirmed', 'cancelled', 'rescheduled', 'marked', 'hold-expired')),
      from_status text,
      to_status text not null,
      from_starts_at timestamptz,
      to_starts_at timestamptz not null,
      from_ends_at timestamptz,
      to_ends_at timestamptz not null,
      from_master_id bigint,
      to_master_id bigint not null,
      actor_id bigint,
      source text not null check (source in ('bot', 'web', 'job', 'system')),
      at timestamptz not null
    );
    create index booking_history_by_booking on booking_history (booking_id, id);

    create table booking_occupancy (
      id bigserial primary key,
      bot_id text not null references bot(id),
      master_id bigint not null references booking_master(id),
      during tstzrange not null check (not isempty(during)),
      kind text not null check (kind in ('appointment', 'class', 'hold', 'offer')),
      booking_id bigint references booking(id),
      class_session_id bigint references booking_class_session(id),
      active boolean not null default true,
      expires_at timestamptz,
      created_at timestamptz not null default now(),
      released_at timestamptz,
      check ((kind = 'class') = (class_session_id is not null)),
      check (kind not in ('appointment', 'hold') or booking_id is not null),
      check (active = (released_at is null)),
      constraint booking_occupancy_no_overlap exclude using gist (master_id with =, during with &&) where (active)
    );
    create index booking_occupancy_by_booking on booking_occupancy (booking_id) where booking_id is not null;
    create index booking_occupancy_by_session on booking_occupancy (class_session_id) where class_session_id is not null;
  `.execute(db);
}
