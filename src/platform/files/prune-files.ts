import type { Database } from "../db/database.ts";
import type { Jobs } from "../jobs/jobs.ts";
import type { Logger } from "../log.ts";
import type { Clock } from "../module.ts";
import { dropUnusedContent } from "./file-store.ts";

export const FILES_PRUNE_QUEUE = "botyard-files-prune";

/** Files deleted per transaction, so a large backlog does not hold one long transaction. */
const BATCH = 500;

/** Deletes every file past its retention (`expires_at <= now`), and the bytes no file names any more; returns how many files. */
export async function pruneExpiredFiles(database: Database, now: Date): Promise<number> {
  let pruned = 0;
  for (;;) {
    const deleted = await database.transaction(async (trx) => {
      const expired = await trx.selectFrom("stored_file").select("id").where("expires_at", "<=", now).orderBy("id").limit(BATCH).forUpdate().skipLocked().execute();
      if (expired.length === 0) return 0;
      const rows = await trx.deleteFrom("stored_file").where("id", "in", expired.map((row) => row.id)).returning(["bot_id", "sha256"]).execute();
      for (const botId of new Set(rows.map((row) => row.bot_id))) {
        await dropUnusedContent(trx, botId, rows.filter((row) => row.bot_id === botId).map((row) => row.sha256));
      }
      return rows.length;
    });
    pruned += deleted;
    if (deleted < BATCH) return pruned;
  }
}

/** The hourly retention prune, one run per hour across every replica (a pg-boss cron job). */
export async function scheduleFilePrune(jobs: Jobs, deps: { database: Database; clock: Clock; logger: Logger; cron?: string }): Promise<void> {
  await jobs.createQueue(FILES_PRUNE_QUEUE, { retryLimit: 2, retryDelay: 60 });
  await jobs.work(FILES_PRUNE_QUEUE, async () => {
    const pruned = await pruneExpiredFiles(deps.database, deps.clock.now());
    if (pruned > 0) deps.logger.info({ pruned }, "files past their retention deleted");
  });
  await jobs.schedule(FILES_PRUNE_QUEUE, deps.cron ?? "41 * * * *");
}
