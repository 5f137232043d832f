import { sql, type Kysely } from "kysely";
import type { PlatformTables } from "../../../platform/db/schema.ts";

/** What happened today in one part of the bot: audited changes (by the action's first part) and handled updates. */
export interface ModuleActivity {
  module: string;
  changes: number;
}

/** Today's audited changes by module ("booking.create" counts for booking), busiest first. */
export async function activityToday(db: Kysely<PlatformTables>, botId: string, timeZone: string, now: Date = new Date()): Promise<{ modules: ModuleActivity[]; handledUpdates: number }> {
  const dayStart = sql<Date>`(date_trunc('day', ${now}::timestamptz at time zone ${timeZone}) at time zone ${timeZone})`;
  const moduleOf = sql<string>`split_part(action, '.', 1)`;
  const rows = await db
    .selectFrom("audit_log")
    .select([moduleOf.as("module"), (eb) => eb.fn.countAll<string>().as("changes")])
    .where("bot_id", "=", botId)
    .where("at", ">=", dayStart)
    .groupBy(moduleOf)
    .execute();
  const handled = await db
    .selectFrom("inbox")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("status", "=", "done")
    .where("finished_at", ">=", dayStart)
    .executeTakeFirst();
  return {
    modules: rows.map((row) => ({ module: row.module, changes: Number(row.changes) })).sort((a, b) => b.changes - a.changes || a.module.localeCompare(b.module)),
    handledUpdates: Number(handled?.count ?? 0),
  };
}
