import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { Logger } from "../log.ts";

/** The advisory lock key every replica of a deployment competes for. */
const LEADER_LOCK = 7_246_512_913;

export interface Leadership {
  /** Resolves when this process becomes the leader; rejects when `signal` aborts first. */
  acquired: Promise<void>;
  /** Aborts when leadership is lost (the lock's connection broke) or given up. */
  lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * The one process that does what must happen once per deployment: long polling, setWebhook and
 * the outbox sender (so global rate limits hold). On PGlite the process is alone and leads at
 * once. On PostgreSQL it holds a session advisory lock on a dedicated connection; a follower
 * retries until the leader dies, and a broken connection means leadership is gone at once.
 */
export function electLeader(settings: { kind: "pglite" } | { kind: "postgres"; url: string }, logger: Logger, retryMs = 1000): Leadership {
  const lost = new AbortController();
  if (settings.kind === "pglite") {
    return { acquired: Promise.resolve(), lost: lost.signal, release: () => Promise.resolve(lost.abort()) };
  }
  let client: pg.Client | undefined;
  const acquired = (async () => {
    while (!lost.signal.aborted) {
      try {
        const candidate = new pg.Client({ connectionString: settings.url, application_name: "botyard-leader" });
        candidate.on("error", () => undefined);
        await candidate.connect();
        const result = await candidate.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [LEADER_LOCK]);
        if (result.rows[0]?.locked === true) {
          client = candidate;
          const onBroken = () => {
            if (!lost.signal.aborted) logger.error("lost the leader lock's connection; no longer leading");
            lost.abort();
          };
          candidate.on("error", onBroken);
          candidate.on("end", onBroken);
          return;
        }
        await candidate.end();
      } catch (error) {
        logger.warn({ err: error }, "could not try the leader lock");
      }
      await sleep(retryMs, undefined, { signal: lost.signal }).catch(() => undefined);
    }
    throw new Error("leadership given up before it was acquired");
  })();
  acquired.catch(() => undefined);
  return {
    acquired,
    lost: lost.signal,
    async release() {
      lost.abort();
      await client?.end().catch(() => undefined);
    },
  };
}
