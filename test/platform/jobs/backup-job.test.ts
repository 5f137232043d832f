import assert from "node:assert/strict";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { backupTime } from "../../../src/platform/db/backup.ts";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import type { HealthReporter } from "../../../src/platform/health/health-registry.ts";
import type { Problem } from "../../../src/platform/health/problem.ts";
import { BACKUP_QUEUE, scheduleBackups } from "../../../src/platform/jobs/backup-job.ts";
import { createJobs, type Jobs } from "../../../src/platform/jobs/jobs.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { createMetrics } from "../../../src/platform/metrics.ts";
import { databaseKinds, platformOnly, tempDir, type TestDatabase } from "../../support/databases.ts";

for (const kind of databaseKinds) {
  describe(`scheduled backups on ${kind.name}`, { skip: kind.skip, timeout: 60_000 }, () => {
    let fresh: TestDatabase;
    let database: Database;
    let jobs: Jobs;
    let dir: string;
    /** What the backups told the health registry, in order. */
    const reports: string[] = [];
    const health: HealthReporter = {
      failing: (problem: Problem, detail: string) => Promise.resolve(void reports.push(`failing ${problem.kind}: ${detail}`)),
      recovered: (problem: Problem) => Promise.resolve(void reports.push(`recovered ${problem.kind}`)),
    };
    before(async () => {
      fresh = await kind.fresh(platformOnly);
      dir = tempDir("botyard-backup-job-");
      database = await openDatabase(fresh.settings);
      jobs = createJobs({ database, logger: createLogger({ level: "silent" }), metrics: createMetrics(), tuning: { pollingIntervalSeconds: 0.5 } });
      await jobs.start();
    });
    after(async () => {
      await jobs.stop(1000);
      await database.close();
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test("the running app backs itself up on a cron schedule into the backup directory", async () => {
      await scheduleBackups(jobs, { database, dir, retentionDays: 30, logger: createLogger({ level: "silent" }), health, cron: "0 4 * * *" });
      const schedules = await jobs.boss.getSchedules(BACKUP_QUEUE);
      assert.deepEqual(
        schedules.map((schedule) => schedule.cron),
        ["0 4 * * *"],
      );

      // Run one occurrence now instead of waiting for 04:00.
      await jobs.send(BACKUP_QUEUE, {});
      const backups = () => readdirSync(dir).filter((name) => backupTime(name) !== undefined);
      while (backups().length === 0) await sleep(50);
      const [file] = backups();
      assert.ok(file?.endsWith(kind.name === "pglite" ? ".tar.gz" : ".dump"));
      while (reports.length === 0) await sleep(50);
      assert.deepEqual(reports, ["recovered backup"], "a backup written ends any backup incident");
    });

    test("a backup that fails is a health problem (a manual run at its one attempt); the next one written recovers it", async () => {
      reports.length = 0;
      rmSync(dir, { recursive: true, force: true });
      writeFileSync(dir, "a file where the backup directory should be");
      await jobs.send(BACKUP_QUEUE, { requestedBy: 1 }, { retryLimit: 0 });
      while (reports.length === 0) await sleep(50);
      assert.equal(reports.length, 1);
      assert.match(reports[0] ?? "", /^failing backup: /);
      rmSync(dir, { force: true });
      mkdirSync(dir);
      await jobs.send(BACKUP_QUEUE, {});
      while (reports.length === 1) await sleep(50);
      assert.deepEqual(reports.slice(1), ["recovered backup"]);
    });
  });
}
