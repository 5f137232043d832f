import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table feedback add column seen_by bigint references person(telegram_id);
    alter table feedback add column seen_at timestamptz;
    create index feedback_unseen on feedback (bot_id) where seen_at is null;
  `.execute(db);
}
