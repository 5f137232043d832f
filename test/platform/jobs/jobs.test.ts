import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import { createJobs, type JobInfo, type Jobs } from "../../../src/platform/jobs/jobs.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { createMetrics } from "../../../src/platform/metrics.ts";
import { databaseKinds, platformOnly, type TestDatabase } from "../../support/databases.ts";

const logger = createLogger({ level: "silent" });
const hangingWorker = fileURLToPath(new URL("./hanging-worker.ts", import.meta.url));

/** Polls until `check` holds; the test's own timeout bounds it. */
async function waitFor(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await sleep(50);
}

async function jobState(database: Database, id: string): Promise<string | undefined> {
  const result = await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(database.db);
  return result.rows[0]?.state;
}

for (const kind of databaseKinds) {
  describe(`jobs on ${kind.name}`, { skip: kind.skip, timeout: 120_000 }, () => {
    let fresh: TestDatabase;
    before(async () => {
      fresh = await kind.fresh(platformOnly);
    });
    after(() => fresh.drop());

    describe("enqueued in a transaction", () => {
      let database: Database;
      let jobs: Jobs;
      const ran: string[] = [];
      before(async () => {
        database = await openDatabase(fresh.settings);
        jobs = createJobs({ database, logger, metrics: createMetrics(), tuning: { pollingIntervalSeconds: 0.5 } });
        await jobs.start();
        await jobs.work<{ label: string }>("transactional", async (data) => {
          ran.push(data.label);
          return Promise.resolve();
        });
      });
      after(async () => {
        await jobs.stop(1000);
        await database.close();
      });

      test("a job whose transaction rolls back never runs, and one whose transaction commits runs once", async () => {
        await assert.rejects(
          database.transaction(async (trx) => {
            await trx
              .insertInto("bot")
              .values({ id: "rolled-back", telegram_id: 1, username: null, settings: JSON.stringify({}) })
              .execute();
            await jobs.send("transactional", { label: "rolled-back" }, { trx });
            throw new Error("abort the booking");
          }),
          /abort the booking/,
        );
        const committedId = await database.transaction(async (trx) => {
          await trx
            .insertInto("bot")
            .values({ id: "committed", telegram_id: 2, username: null, settings: JSON.stringify({}) })
            .execute();
          return jobs.send("transactional", { label: "committed" }, { trx });
        });
        assert.ok(committedId !== null);
        // Jobs run in the order they were created, so once this one ran, any earlier one has too.
        await jobs.send("transactional", { label: "sentinel" });
        await waitFor(() => ran.includes("sentinel"));
        await waitFor(async () => (await jobState(database, committedId)) === "completed");

        assert.deepEqual(ran, ["committed", "sentinel"]);
        const stored = await jobs.boss.findJobs("transactional", { data: { label: "rolled-back" } });
        assert.equal(stored.length, 0);
      });

      test("sending in a transaction to a queue not created yet fails with a clear error", async () => {
        await assert.rejects(
          database.transaction((trx) => jobs.send("never-created", { label: "x" }, { trx })),
          /Queue never-created is not created yet/,
        );
      });
    });

    test("a job whose worker process is SIGKILLed mid-run is retried and completes", async () => {
      const settings = JSON.stringify(fresh.settings);
      let database = await openDatabase(fresh.settings);
      let jobs = createJobs({ database, logger, metrics: createMetrics() });
      await jobs.start();
      await jobs.createQueue("crash-test", { expireInSeconds: 2, retryLimit: 3 });
      const id = await jobs.send("crash-test", { order: 42 });
      assert.ok(id !== null);
      await jobs.stop(1000);
      // PGlite: the DATA_DIR lock lets one process at a time open the database.
      await database.close();

      const child = spawn(process.execPath, [hangingWorker], {
        env: { ...process.env, JOBS_TEST_SETTINGS: settings },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const exited = once(child, "exit");
      const lines = createInterface({ input: child.stdout });
      let firstAttempt: string | undefined;
      for await (const line of lines) {
        if (line.startsWith("started ")) {
          firstAttempt = line;
          break;
        }
      }
      assert.equal(firstAttempt, `started ${id} 0`);
      child.kill("SIGKILL");
      const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      assert.equal(signal, "SIGKILL");

      database = await openDatabase(fresh.settings);
      assert.equal(await jobState(database, id), "active", "the killed worker left the job active");
      jobs = createJobs({
        database,
        logger,
        metrics: createMetrics(),
        tuning: { pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1, monitorIntervalSeconds: 1 },
      });
      await jobs.start();
      const attempts: { data: { order: number }; job: JobInfo }[] = [];
      await jobs.work<{ order: number }>("crash-test", (data, job) => {
        attempts.push({ data, job });
        return Promise.resolve();
      });
      await waitFor(async () => (await jobState(database, id)) === "completed");
      await jobs.stop(1000);
      await database.close();

      assert.equal(attempts.length, 1);
      assert.equal(attempts[0]?.job.id, id);
      assert.deepEqual(attempts[0]?.data, { order: 42 });
      assert.ok((attempts[0]?.job.retryCount ?? 0) >= 1, "the second run is a retry");
    });
  });
}
