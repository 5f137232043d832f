import { sql, type Kysely } from "kysely";

/** Access requests (one open request per person and bot) and people blocked from access. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table access_request (
      id bigserial primary key,
      bot_id text not null references bot(id),
      telegram_id bigint not null references person(telegram_id),
      name text not null,
      phone text not null,
      comment text,
      status text not null default 'pending' check (status in ('pending', 'postponed', 'approved', 'rejected')),
      role text,
      reason text,
      decided_by bigint,
      decided_at timestamptz,
      revision integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index access_request_one_open on access_request (bot_id, telegram_id) where status in ('pending', 'postponed');
    create index access_request_by_status on access_request (bot_id, status, created_at);
    create index access_request_by_person on access_request (bot_id, telegram_id, created_at desc);

    create table access_block (
      bot_id text not null references bot(id),
      telegram_id bigint not null,
      reason text,
      blocked_by bigint,
      blocked_at timestamptz not null default now(),
      primary key (bot_id, telegram_id)
    );
  `.execute(db);
}
