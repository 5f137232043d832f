import { sql, type Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";

export interface RateLimit {
  /** Hits allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * Counts a hit against `key` (like `login-link:issue:person:42` or `...:ip:1.2.3.4`) in the
 * current fixed window, in the database so every replica shares the count. False when over.
 */
export async function hitRateLimit(db: Kysely<PlatformTables>, key: string, rule: RateLimit, now: Date = new Date()): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const row = await db
    .insertInto("rate_limit")
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((conflict) => conflict.columns(["key", "window_start"]).doUpdateSet({ hits: sql<number>`rate_limit.hits + 1` }))
    .returning("hits")
    .executeTakeFirstOrThrow();
  if (row.hits === 1) {
    // The first hit of a window clears this key's old windows, so the table stays small.
    await db.deleteFrom("rate_limit").where("key", "=", key).where("window_start", "<", windowStart).execute();
  }
  return row.hits <= rule.limit;
}
