import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import { createJobs, type Jobs } from "../../../src/platform/jobs/jobs.ts";
import { declaredQueues, startModuleJobs } from "../../../src/platform/jobs/module-jobs.ts";
import { createLlm } from "../../../src/platform/llm/llm-client.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { createMetrics } from "../../../src/platform/metrics.ts";
import { defineModule, type ModuleContext } from "../../../src/platform/module.ts";
import { databaseKinds, platformOnly, type TestDatabase } from "../../support/databases.ts";
import { metricValue } from "../../support/metrics.ts";

const logger = createLogger({ level: "silent" });

async function waitFor(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await sleep(50);
}

test("a module's queue must carry its name, and no queue is declared twice", () => {
  assert.throws(() => declaredQueues([defineModule({ name: "shop", jobs: { "orders.sync": { handler: () => () => Promise.resolve() } } })]), /Job queue "orders.sync" of module shop must start with "shop."/);
  const twice = { "shop.sync": { handler: () => () => Promise.resolve() } };
  assert.throws(() => declaredQueues([defineModule({ name: "shop", jobs: twice }), defineModule({ name: "shop", jobs: twice })]), /declared twice/);
});

for (const kind of databaseKinds) {
  describe(`a module's jobs on ${kind.name}`, { skip: kind.skip, timeout: 120_000 }, () => {
    let fresh: TestDatabase;
    let database: Database;
    let jobs: Jobs;
    const metrics = createMetrics();
    const attempts: Record<string, number> = {};
    const llmModules = new Set<string>();

    before(async () => {
      fresh = await kind.fresh(platformOnly);
      database = await openDatabase(fresh.settings);
      jobs = createJobs({ database, logger, metrics, tuning: { pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1, monitorIntervalSeconds: 1 } });
      await jobs.start();
      const shop = defineModule({
        name: "shop",
        jobs: {
          "shop.flaky": {
            retryLimit: 3,
            retryDelaySeconds: 1,
            handler: (context) => async (data) => {
              llmModules.add(context.llm.configured ? "configured" : "not configured");
              attempts[`flaky:${String(data.order)}`] = (attempts[`flaky:${String(data.order)}`] ?? 0) + 1;
              if (attempts[`flaky:${String(data.order)}`]! < 2) throw new Error("the supplier's API is down");
              return Promise.resolve();
            },
          },
          "shop.broken": {
            retryLimit: 1,
            retryDelaySeconds: 1,
            handler: () => () => Promise.reject(new Error("never works")),
          },
        },
      });
      const llm = createLlm({ settings: undefined, db: database.db, clock: { now: () => new Date() }, dayOf: () => "2026-12-02", logger });
      await startModuleJobs({ jobs, modules: [shop], context: {} as ModuleContext, llmOf: (module) => (llmModules.add(module), llm.forModule(module)), metrics, logger });
    });
    after(async () => {
      await jobs.stop(1000);
      await database.close();
      await fresh.drop();
    });

    const stateOf = async (id: string) => (await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(database.db)).rows[0]?.state;

    test("a failed attempt is retried, and the outcome of each attempt is counted", async () => {
      const id = await jobs.send("shop.flaky", { order: 7, botId: "main" });
      assert.ok(id !== null);
      await waitFor(async () => (await stateOf(id)) === "completed");
      assert.equal(attempts["flaky:7"], 2);
      assert.deepEqual([...llmModules], ["shop", "not configured"], "the job's context carries its module's LLM");
      const text = await metrics.registry.metrics();
      assert.equal(metricValue(text, "botyard_job_attempts_total", { queue: "shop.flaky", outcome: "failed" }), 1);
      assert.equal(metricValue(text, "botyard_job_attempts_total", { queue: "shop.flaky", outcome: "completed" }), 1);
    });

    test("a job failing its last attempt moves to the queue's dead letters, kept for a person to look at", async () => {
      const id = await jobs.send("shop.broken", { order: 8, botId: "main" });
      assert.ok(id !== null);
      await waitFor(async () => (await stateOf(id)) === "failed");
      const dead = await sql<{ data: { order: number } }>`select data from pgboss.job where name = 'shop.broken.dead'`.execute(database.db);
      assert.deepEqual(dead.rows.map((row) => row.data.order), [8]);
      const text = await metrics.registry.metrics();
      assert.equal(metricValue(text, "botyard_job_attempts_total", { queue: "shop.broken", outcome: "dead" }), 1);
    });
  });
}
