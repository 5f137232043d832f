import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table note (
      id bigserial primary key,
      bot_id text not null references bot(id),
      author_id bigint not null,
      text text not null,
      words int,
      created_at timestamptz not null default now()
    )
  `.execute(db);
}
