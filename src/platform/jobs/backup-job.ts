import { backupDatabase, pruneBackups } from "../db/backup.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Jobs } from "./jobs.ts";

export const BACKUP_QUEUE = "botyard-backup";

/**
 * Scheduled backups inside the running app (the only way to back up PGlite while it runs): a
 * pg-boss cron job, so one replica takes each backup, writes it to `dir` and applies the
 * retention. Default: every day at 03:00 UTC.
 */
export async function scheduleBackups(
  jobs: Jobs,
  deps: { database: Database; dir: string; retentionDays: number; logger: Logger; cron?: string },
): Promise<void> {
  const logger = deps.logger.child({ component: "backup" });
  await jobs.createQueue(BACKUP_QUEUE, { retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 });
  await jobs.work(BACKUP_QUEUE, async () => {
    const file = await backupDatabase(deps.database, deps.dir);
    const removed = await pruneBackups(deps.dir, deps.retentionDays);
    logger.info({ file, removed }, "backup written");
  });
  await jobs.schedule(BACKUP_QUEUE, deps.cron ?? "0 3 * * *");
}
