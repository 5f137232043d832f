import { sql, type Kysely } from "kysely";

/**
 * The inbox keeps each update as the JSON text Telegram sent: jsonb refuses `\u0000` and lone
 * surrogates, which a message's text may carry, and one refused update must not stop intake.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table inbox alter column payload type text using payload::text`.execute(db);
}
