import { sql, type Kysely } from "kysely";

/** Every move of a subject through a workflow (src/platform/workflow/): from, to, who, when, why. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table status_history (
      id bigserial primary key,
      bot_id text not null references bot(id),
      subject_type text not null,
      subject_id bigint not null,
      from_status text,
      to_status text not null,
      actor_id bigint,
      source text not null,
      reason text,
      at timestamptz not null default now()
    );
    create index status_history_of_subject on status_history (bot_id, subject_type, subject_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table status_history`.execute(db);
}
