import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bot (
      id text primary key,
      telegram_id bigint not null,
      username text,
      settings jsonb not null,
      created_at timestamptz not null default now()
    );
    create table person (
      telegram_id bigint primary key,
      first_name text not null,
      last_name text,
      username text,
      language_code text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table bot_member (
      bot_id text not null references bot(id),
      telegram_id bigint not null references person(telegram_id),
      language text,
      blocked_at timestamptz,
      last_seen_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      primary key (bot_id, telegram_id)
    );
    create table role (
      bot_id text not null references bot(id),
      telegram_id bigint not null,
      role text not null,
      granted_by bigint,
      granted_at timestamptz not null default now(),
      primary key (bot_id, telegram_id, role)
    );
    create table inbox (
      bot_id text not null,
      update_id bigint not null,
      chat_key text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'handling', 'done', 'failed')),
      attempts integer not null default 0,
      journal jsonb not null default '[]',
      received_at timestamptz not null default now(),
      finished_at timestamptz,
      error text,
      primary key (bot_id, update_id)
    );
    create index inbox_unfinished on inbox (bot_id, chat_key, update_id) where status in ('pending', 'handling');
    create index inbox_finished_at on inbox (finished_at) where finished_at is not null;
    create table chat_lease (
      bot_id text not null,
      chat_key text not null,
      owner text not null,
      expires_at timestamptz not null,
      primary key (bot_id, chat_key)
    );
    create table outbox (
      id bigserial primary key,
      bot_id text not null,
      chat_id bigint not null,
      method text not null,
      payload jsonb not null,
      dedupe_key text not null,
      status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'blocked')),
      attempts integer not null default 0,
      not_before timestamptz not null default now(),
      message_id bigint,
      error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      unique (bot_id, dedupe_key)
    );
    create index outbox_due on outbox (bot_id, chat_id, id) where status in ('pending', 'sending');
    create table flow (
      bot_id text not null,
      chat_id bigint not null,
      user_id bigint not null,
      name text,
      step text,
      data jsonb not null default '{}',
      instance integer not null,
      updated_at timestamptz not null default now(),
      primary key (bot_id, chat_id, user_id)
    );
    create table scheduled_event (
      id bigserial primary key,
      bot_id text not null,
      kind text not null,
      dedupe_key text not null unique,
      payload jsonb not null default '{}',
      due_at timestamptz not null,
      done_at timestamptz,
      attempts integer not null default 0,
      error text
    );
    create index scheduled_event_due on scheduled_event (due_at) where done_at is null;
  `.execute(db);
}
