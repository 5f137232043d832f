import { backupDatabase, pruneBackups } from "../db/backup.ts";
import type { Database } from "../db/database.ts";
import type { HealthReporter } from "../health/health-registry.ts";
import type { Logger } from "../log.ts";
import type { Jobs } from "./jobs.ts";

export const BACKUP_QUEUE = "botyard-backup";

const BACKUP_RETRY_LIMIT = 2;

/**
 * Scheduled backups inside the running app (the only way to back up PGlite while it runs): a
 * pg-boss cron job, so one replica takes each backup, writes it to `dir` and applies the
 * retention. Default: every day at 03:00 UTC. A backup that fails its last attempt (a manual
 * run has one) is a health problem, recovered by the next backup written.
 */
export async function scheduleBackups(
  jobs: Jobs,
  deps: { database: Database; dir: string; retentionDays: number; logger: Logger; health?: HealthReporter; cron?: string },
): Promise<void> {
  const logger = deps.logger.child({ component: "backup" });
  await jobs.createQueue(BACKUP_QUEUE, { retryLimit: BACKUP_RETRY_LIMIT, retryDelay: 60, expireInSeconds: 3600 });
  await jobs.work<{ requestedBy?: number | null }>(BACKUP_QUEUE, async (data, job) => {
    let file: string;
    let removed: string[];
    try {
      file = await backupDatabase(deps.database, deps.dir);
      removed = await pruneBackups(deps.dir, deps.retentionDays);
    } catch (error) {
      const manual = data !== null && "requestedBy" in data;
      if (manual || job.retryCount >= BACKUP_RETRY_LIMIT) await deps.health?.failing({ kind: "backup" }, error instanceof Error ? error.message : String(error));
      throw error;
    }
    logger.info({ file, removed }, "backup written");
    await deps.health?.recovered({ kind: "backup" });
  });
  await jobs.schedule(BACKUP_QUEUE, deps.cron ?? "0 3 * * *");
}
