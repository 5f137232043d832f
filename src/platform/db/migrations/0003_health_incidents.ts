import { sql, type Kysely } from "kysely";

/**
 * Health incidents: one row per streak of failures of one problem (intake of a bot stuck,
 * Telegram refusing a bot's calls, backups failing, a queue's dead letters), opened once the
 * failures persist and closed when the part reports it recovered. At most one unclosed row per
 * problem, so replicas agree on what is open and a restart does not alert again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table health_incident (
      id bigserial primary key,
      problem text not null,
      kind text not null,
      bot_id text,
      detail text not null,
      failures integer not null default 1,
      first_failed_at timestamptz not null,
      last_failed_at timestamptz not null,
      opened_at timestamptz,
      recovered_at timestamptz
    );
    create unique index health_incident_current on health_incident (problem) where recovered_at is null;
  `.execute(db);
}
