import { sql, type Kysely } from "kysely";

/** A private note staff keep on a client's card ("prefers Anna", "allergic to latex"); clients never see it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table booking_client add column note text check (note is null or length(note) between 1 and 2000)`.execute(db);
}
