import type { Api } from "grammy";
import type { HealthReporter } from "../health/health-registry.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { ModuleLlm } from "../llm/llm-client.ts";
import type { BotyardModule, ModuleContext } from "../module.ts";
import type { Jobs } from "./jobs.ts";

const DEFAULT_RETRY_LIMIT = 3;
const DEFAULT_RETRY_DELAY_SECONDS = 5;

/** Where a queue's jobs go after their last failed attempt. */
export function deadLetterQueueOf(queue: string): string {
  return `${queue}.dead`;
}

/** Every job queue the modules declare; refuses, naming it, a queue outside its module's name or declared twice. */
export function declaredQueues(modules: readonly BotyardModule[]): Set<string> {
  const queues = new Set<string>();
  for (const module of modules) {
    for (const queue of Object.keys(module.jobs ?? {})) {
      if (!queue.startsWith(`${module.name}.`)) throw new Error(`Job queue "${queue}" of module ${module.name} must start with "${module.name}."`);
      if (queues.has(queue)) throw new Error(`Job queue "${queue}" is declared twice`);
      queues.add(queue);
    }
  }
  return queues;
}

/**
 * Creates every module's queues (with their retry policy and dead-letter queue) and starts their
 * workers on this replica; each attempt's outcome is counted in `botyard_job_attempts_total`. A
 * job moved to its dead letters is a health problem of its bot and queue, recovered when a job of
 * that queue completes again.
 */
export async function startModuleJobs(deps: {
  jobs: Jobs;
  modules: readonly BotyardModule[];
  context: ModuleContext;
  /** The LLM as each module's jobs see it. */
  llmOf(module: string): ModuleLlm;
  /** Each bot's Bot API, for jobs that download from Telegram. */
  botApi?(botId: string): Api | undefined;
  metrics: Metrics;
  logger: Logger;
  health?: HealthReporter;
}): Promise<void> {
  for (const module of deps.modules) {
    for (const [queue, declaration] of Object.entries(module.jobs ?? {})) {
      const retryLimit = declaration.retryLimit ?? DEFAULT_RETRY_LIMIT;
      await deps.jobs.createQueue(deadLetterQueueOf(queue));
      await deps.jobs.createQueue(queue, {
        retryLimit,
        retryDelay: declaration.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
        ...(declaration.expireInSeconds === undefined ? {} : { expireInSeconds: declaration.expireInSeconds }),
        deadLetter: deadLetterQueueOf(queue),
      });
      const botApi = (botId: string): Api => {
        const api = deps.botApi?.(botId);
        if (api === undefined) throw new Error(`no Bot API for bot ${botId} in this process`);
        return api;
      };
      const handler = declaration.handler({ ...deps.context, llm: deps.llmOf(module.name), botApi });
      await deps.jobs.work<{ botId: string } & Record<string, unknown>>(queue, async (data, job) => {
        const problem = { kind: "dead-letter", botId: data.botId, queue } as const;
        try {
          await handler(data, job);
          deps.metrics.jobAttempts.inc({ queue, outcome: "completed" });
        } catch (error) {
          const dead = job.retryCount >= retryLimit;
          deps.metrics.jobAttempts.inc({ queue, outcome: dead ? "dead" : "failed" });
          if (dead) {
            deps.logger.error({ err: error, queue, job: job.id }, "job failed for the last time; moved to its dead-letter queue");
            await deps.health?.failing(problem, error instanceof Error ? error.message : String(error));
          }
          throw error;
        }
        await deps.health?.recovered(problem);
      });
    }
  }
}
