// A worker process for the crash test: it takes a job of the `crash-test` queue, says so on
// stdout, and hangs until the test SIGKILLs it.
import { openDatabase, type DatabaseSettings } from "../../../src/platform/db/database.ts";
import { createJobs } from "../../../src/platform/jobs/jobs.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { createMetrics } from "../../../src/platform/metrics.ts";

const settings = JSON.parse(process.env.JOBS_TEST_SETTINGS ?? "null") as DatabaseSettings;
const database = await openDatabase(settings);
const jobs = createJobs({
  database,
  logger: createLogger({ level: "silent" }),
  metrics: createMetrics(),
  tuning: { pollingIntervalSeconds: 0.5 },
});
await jobs.start();
await jobs.work("crash-test", async (_data, job) => {
  process.stdout.write(`started ${job.id} ${job.retryCount}\n`);
  await new Promise<never>(() => {
    // Never settles: the process is killed mid-job.
  });
});
