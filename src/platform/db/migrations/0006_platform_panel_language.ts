import { sql, type Kysely } from "kysely";

/** The language a person chose for the panel; null until they choose (their Telegram language is used). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table bot_member add column panel_language text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table bot_member drop column panel_language`.execute(db);
}
