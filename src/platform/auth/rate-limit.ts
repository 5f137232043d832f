import { sql, type Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";

export interface RateLimit {
  /** Hits allowed in any `windowMs` long stretch of time. */
  limit: number;
  windowMs: number;
}

/**
 * Counts a hit against `key` (like `login-link:issue:person:42` or `...:ip:1.2.3.4`), in the
 * database so every replica shares the count. False when over the limit.
 *
 * A sliding window: the hits of the window now running plus the previous window's, weighted by
 * how much of it still lies within `windowMs` of now. A fixed window would let twice the limit
 * through around a window's boundary (the limit at its end, the limit again at the next start).
 */
export async function hitRateLimit(db: Kysely<PlatformTables>, key: string, rule: RateLimit, now: Date = new Date()): Promise<boolean> {
  const windowStart = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  const previousStart = new Date(windowStart - rule.windowMs);
  const row = await db
    .insertInto("rate_limit")
    .values({ key, window_start: new Date(windowStart), hits: 1 })
    .onConflict((conflict) => conflict.columns(["key", "window_start"]).doUpdateSet({ hits: sql<number>`rate_limit.hits + 1` }))
    .returning("hits")
    .executeTakeFirstOrThrow();
  if (row.hits === 1) {
    // The first hit of a window clears this key's windows older than the previous one, so the table stays small.
    await db.deleteFrom("rate_limit").where("key", "=", key).where("window_start", "<", previousStart).execute();
  }
  const previous = await db.selectFrom("rate_limit").select("hits").where("key", "=", key).where("window_start", "=", previousStart).executeTakeFirst();
  const stillCounted = 1 - (now.getTime() - windowStart) / rule.windowMs;
  return (previous?.hits ?? 0) * stillCounted + row.hits <= rule.limit;
}
