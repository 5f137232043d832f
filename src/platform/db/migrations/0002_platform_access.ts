import { sql, type Kysely } from "kysely";

/** Web sessions, login tokens, the audit log, rate limits, panel-edited texts and broadcasts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table bot add column version integer not null default 1;
    alter table bot add column settings_edited_at timestamptz;

    create table login_token (
      id bigserial primary key,
      bot_id text not null references bot(id),
      telegram_id bigint not null,
      kind text not null check (kind in ('link', 'feed')),
      token_hash text not null unique,
      expires_at timestamptz,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index login_token_person on login_token (bot_id, telegram_id);

    create table web_session (
      id bigserial primary key,
      secret_hash text not null unique,
      csrf_token text not null,
      kind text not null check (kind in ('cookie', 'bearer')),
      via text not null,
      bot_id text not null references bot(id),
      telegram_id bigint not null,
      user_agent text,
      ip text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ended_at timestamptz,
      ended_reason text
    );
    create index web_session_person on web_session (bot_id, telegram_id) where ended_at is null;

    create table audit_log (
      id bigserial primary key,
      bot_id text,
      actor_id bigint,
      source text not null,
      action text not null,
      object_type text,
      object_id text,
      before jsonb,
      after jsonb,
      ip text,
      at timestamptz not null default now()
    );
    create index audit_log_bot_at on audit_log (bot_id, at desc);

    create table rate_limit (
      key text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (key, window_start)
    );

    create table text_override (
      bot_id text not null references bot(id),
      locale text not null,
      key text not null,
      text text not null,
      updated_by bigint,
      updated_at timestamptz not null default now(),
      primary key (bot_id, locale, key)
    );

    create table broadcast (
      id bigserial primary key,
      bot_id text not null references bot(id),
      created_by bigint,
      text text not null,
      photo text,
      buttons jsonb not null default '[]',
      segment text not null,
      segment_params jsonb not null default '{}',
      status text not null default 'scheduled' check (status in ('scheduled', 'sending', 'done', 'cancelled')),
      send_at timestamptz not null default now(),
      audience integer,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );

    alter table outbox add column priority smallint not null default 0;
    alter table outbox add column broadcast_id bigint references broadcast(id);
    create index outbox_broadcast on outbox (broadcast_id, status) where broadcast_id is not null;
  `.execute(db);
}
