import { CompiledQuery, type QueryResult } from "kysely";
import { PgBoss, type Db, type Job, type QueueOptions as BossQueueOptions } from "pg-boss";

/** A queue's retry, expiry and retention policy, and where its jobs go after the last failed attempt. */
export type QueueOptions = BossQueueOptions & { deadLetter?: string };
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";

/** Anything that runs a compiled query inside a transaction: a Kysely `Transaction` of any tables. */
export interface TransactionLike {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

export interface SendOptions {
  /** Enqueue inside this transaction: a rollback leaves no job. */
  trx?: TransactionLike;
  /** At most one queued or active job per key in the queue. */
  singletonKey?: string;
  startAfter?: Date | number | string;
  retryLimit?: number;
}

/** What a handler gets besides the data: the job's id, the attempt, and an abort signal for shutdown. */
export interface JobInfo {
  id: string;
  name: string;
  /** 0 on the first attempt, then one more for each retry (a failure, an expiry, a crash). */
  retryCount: number;
  signal: AbortSignal;
}

export type JobHandler<T extends object = object> = (data: T, job: JobInfo) => Promise<void>;

export interface JobsTuning {
  /**
   * How often an idle worker asks for a job on its own (pg-boss's minimum is 0.5). In the app this
   * is only a backstop: the app's pulse sees ready jobs and wakes their workers (`wake`).
   */
  pollingIntervalSeconds?: number;
  /** How often expired jobs (a worker that died) are failed into retry, and stats refreshed. */
  superviseIntervalSeconds?: number;
  monitorIntervalSeconds?: number;
  /** How often the job queue depth gauge is refreshed, in ms. */
  metricsIntervalMs?: number;
}

export interface Jobs {
  readonly boss: PgBoss;
  start(): Promise<void>;
  /** Stops fetching, gives running handlers `budgetMs`, then fails the rest back into retry. */
  stop(budgetMs: number): Promise<void>;
  /** Creates or updates a queue's retry and expiry policy. `send`, `work` and `schedule` create a default queue. */
  createQueue(name: string, options?: QueueOptions): Promise<void>;
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  work<T extends object>(name: string, handler: JobHandler<T>, options?: { localConcurrency?: number }): Promise<void>;
  /** A cron job (UTC): one job per occurrence across every replica. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** Jobs are ready on these queues: their workers here fetch now instead of at their next poll. */
  wake(queues: Iterable<string>): void;
}

/**
 * pg-boss's per-call `db` bound to a Kysely transaction: the job row is written on the
 * transaction's connection and commits or rolls back with it.
 */
export function transactionExecutor(trx: TransactionLike): Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...result.rows] };
    },
  };
}

/** Takes pg-boss's statement and answers "nothing written": used to load a queue into pg-boss's cache. */
const discardingExecutor: Db = { executeSql: () => Promise.resolve({ rows: [] }) };

/**
 * Durable background jobs on pg-boss, on the app's own database: through the PGlite connection gate,
 * or with pg-boss's own pool on PostgreSQL.
 */
export function createJobs(deps: { database: Database; logger: Logger; metrics: Metrics; tuning?: JobsTuning }): Jobs {
  const { database, metrics } = deps;
  const logger = deps.logger.child({ component: "jobs" });
  const tuning = deps.tuning ?? {};
  const pollingIntervalSeconds = tuning.pollingIntervalSeconds ?? 30;
  const intervals = {
    superviseIntervalSeconds: tuning.superviseIntervalSeconds ?? 30,
    monitorIntervalSeconds: tuning.monitorIntervalSeconds ?? 30,
  };

  let boss: PgBoss;
  if (database.kind === "pglite") {
    if (database.jobsExecutor === undefined) throw new Error("PGlite database without a jobs executor");
    boss = new PgBoss({ db: database.jobsExecutor, backend: "pglite", ...intervals });
  } else {
    if (database.settings.kind !== "postgres") throw new Error("PostgreSQL database without a connection string");
    boss = new PgBoss({ connectionString: database.settings.url, max: 4, application_name: "botyard-jobs", ...intervals });
  }
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  boss.on("warning", (warning) => logger.warn({ warning: warning.message, data: warning.data }, "job queue warning"));

  const queues = new Map<string, Promise<void>>();
  /** pg-boss worker ids by queue, for `wake`. */
  const workers = new Map<string, string[]>();
  let started = false;
  let metricsTimer: NodeJS.Timeout | undefined;

  /**
   * pg-boss 12 needs a queue before its first job, and reads the queue through its own connection
   * on a cache miss. Inside a PGlite transaction that connection is the one the transaction holds, so
   * the queue is created and cached here, outside any transaction, before a transactional send.
   */
  function ensureQueue(name: string, options?: QueueOptions): Promise<void> {
    let ready = queues.get(name);
    if (ready === undefined || options !== undefined) {
      ready = (async () => {
        await boss.createQueue(name, options);
        if (options !== undefined && Object.keys(options).length > 0) await boss.updateQueue(name, options);
        await boss.send(name, null, { db: discardingExecutor });
      })();
      queues.set(name, ready);
      void ready.catch(() => queues.delete(name));
    }
    return ready;
  }

  async function refreshDepth(): Promise<void> {
    const all = await boss.getQueues();
    metrics.jobQueueDepth.set(all.reduce((sum, queue) => sum + queue.queuedCount, 0));
  }

  return {
    boss,
    async start() {
      await boss.start();
      started = true;
      metricsTimer = setInterval(() => {
        refreshDepth().catch((error: unknown) => logger.warn({ err: error }, "job queue depth not refreshed"));
      }, tuning.metricsIntervalMs ?? 15_000);
      metricsTimer.unref();
    },
    async stop(budgetMs) {
      clearInterval(metricsTimer);
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: budgetMs, close: true });
    },
    createQueue: (name, options) => ensureQueue(name, options ?? {}),
    async send(name, data, options = {}) {
      if (options.trx !== undefined && !queues.has(name)) {
        // Creating the queue here would run on pg-boss's own connection while the caller's
        // transaction is open; on PGlite that is the same one connection.
        throw new Error(`Queue ${name} is not created yet: call createQueue, work or schedule before sending in a transaction`);
      }
      await ensureQueue(name);
      return boss.send(name, data, {
        ...(options.trx === undefined ? {} : { db: transactionExecutor(options.trx) }),
        ...(options.singletonKey === undefined ? {} : { singletonKey: options.singletonKey }),
        ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
        ...(options.retryLimit === undefined ? {} : { retryLimit: options.retryLimit }),
      });
    },
    async work<T extends object>(name: string, handler: JobHandler<T>, options: { localConcurrency?: number } = {}) {
      await ensureQueue(name);
      const run = async (jobs: Job<T>[]) => {
        for (const job of jobs) {
          try {
            await handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount, signal: job.signal });
          } catch (error) {
            logger.warn({ err: error, job: job.id, queue: name, retryCount: job.retryCount }, "job failed");
            throw error;
          }
        }
      };
      // One pg-boss worker per concurrent job, so `wake` knows every id.
      const ids = workers.get(name) ?? [];
      workers.set(name, ids);
      for (let i = 0; i < (options.localConcurrency ?? 1); i++) {
        ids.push(await boss.work<T>(name, { pollingIntervalSeconds, batchSize: 1, localConcurrency: 1 }, run));
      }
    },
    async schedule(name, cron, data) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data ?? null, { tz: "UTC" });
    },
    wake(ready) {
      if (!started) return;
      for (const name of ready) for (const id of workers.get(name) ?? []) boss.notifyWorker(id);
    },
  };
}
