import { sql, type Kysely } from "kysely";

/**
 * Files every replica sees: the bytes once per bot and content (by sha256), and the files that
 * name them (who owns each, how long it is kept, the Telegram file ids it was sent under).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stored_file_content (
      bot_id text not null references bot(id),
      sha256 text not null,
      size bigint not null,
      bytes bytea not null,
      primary key (bot_id, sha256)
    );
    -- Kept uncompressed out of line, so a download reads it in slices without decompressing it whole.
    alter table stored_file_content alter column bytes set storage external;
    create table stored_file (
      id bigserial primary key,
      bot_id text not null references bot(id),
      module text not null,
      person_id bigint,
      origin text not null check (origin in ('received', 'made', 'uploaded')),
      status text not null check (status in ('receiving', 'stored', 'refused')),
      name text not null,
      mime_type text not null,
      size bigint,
      sha256 text,
      telegram_file_ids jsonb not null default '{}',
      refused_reason text,
      created_at timestamptz not null default now(),
      stored_at timestamptz,
      expires_at timestamptz,
      foreign key (bot_id, sha256) references stored_file_content (bot_id, sha256),
      check ((status = 'stored') = (sha256 is not null))
    );
    create index stored_file_expiry on stored_file (expires_at) where expires_at is not null;
    create index stored_file_content_use on stored_file (bot_id, sha256);
    create index stored_file_listing on stored_file (bot_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table stored_file; drop table stored_file_content`.execute(db);
}
