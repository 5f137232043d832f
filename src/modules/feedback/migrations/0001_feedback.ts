import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table feedback (
      id bigserial primary key,
      bot_id text not null references bot(id),
      author_id bigint not null references person(telegram_id),
      text text not null,
      photo_file_id text,
      created_at timestamptz not null default now()
    );
    create index feedback_by_bot on feedback (bot_id, created_at desc);
  `.execute(db);
}
