import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { statementCount } from "./db/statement-count.ts";

/**
 * The Prometheus figures of one running app, on a registry of its own (tests build several apps
 * in one process). Names are prefixed `botyard_`.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "botyard_" });
  const registers = [registry];
  return {
    registry,
    updates: new Counter({
      name: "botyard_updates_total",
      help: "Updates handled, by update type and outcome (done, failed, timeout; type intake, outcome quarantined: malformed or refused on arrival)",
      labelNames: ["type", "outcome"] as const,
      registers,
    }),
    updatesReceived: new Counter({
      name: "botyard_updates_received_total",
      help: "Updates written to the inbox, by intake (polling, webhook)",
      labelNames: ["intake"] as const,
      registers,
    }),
    handlerSeconds: new Histogram({
      name: "botyard_handler_duration_seconds",
      help: "Time from taking an update to finishing it",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    apiCalls: new Counter({
      name: "botyard_api_calls_total",
      help: "Bot API calls, by method and result code",
      labelNames: ["method", "code"] as const,
      registers,
    }),
    tooManyRequests: new Counter({
      name: "botyard_api_429_total",
      help: "Bot API answers 429 Too Many Requests",
      registers,
    }),
    replayedUpdates: new Counter({
      name: "botyard_updates_resumed_total",
      help: "Updates taken again after a crash or a lost lease, replaying what the earlier attempt committed",
      registers,
    }),
    repeatedMessages: new Counter({
      name: "botyard_messages_possibly_repeated_total",
      help: "Messages sent again because a crash came between Telegram's answer and our record of it, by source (outbox; reply: a handler's own call)",
      labelNames: ["source"] as const,
      registers,
    }),
    outboxDepth: new Gauge({
      name: "botyard_outbox_depth",
      help: "Outbox messages waiting to be sent",
      registers,
    }),
    jobQueueDepth: new Gauge({
      name: "botyard_job_queue_depth",
      help: "Queued background jobs",
      registers,
    }),
    jobAttempts: new Counter({
      name: "botyard_job_attempts_total",
      help: "Attempts of modules' jobs, by queue and outcome (completed, failed and to be retried, dead: moved to the dead-letter queue)",
      labelNames: ["queue", "outcome"] as const,
      registers,
    }),
    incomingRateLimited: new Counter({
      name: "botyard_incoming_rate_limited_total",
      help: "Updates dropped because one user sent too many too fast",
      registers,
    }),
    sqlStatements: new Counter({
      name: "botyard_sql_statements_total",
      help: "SQL statements sent to the database by this process (on PostgreSQL, without pg-boss's own pool)",
      registers,
      collect() {
        this.reset();
        this.inc(statementCount.total);
      },
    }),
    fencedWrites: new Counter({
      name: "botyard_fenced_writes_total",
      help: "Writes rejected because their handler had been abandoned (deadline or lost lease)",
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
