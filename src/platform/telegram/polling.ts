import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError, type Api } from "grammy";
import { crashPoint } from "../crash-points.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import { ALLOWED_UPDATES } from "./chat-key.ts";
import { takeIn } from "./intake.ts";
import type { IntakeProgress } from "./intake-progress.ts";

export interface PollingOptions {
  botId: string;
  api: Api;
  database: Database;
  signal: AbortSignal;
  logger: Logger;
  metrics: Metrics;
  progress: IntakeProgress;
  /** Called after a batch is stored, with the chats it holds updates of (wakes the dispatcher). */
  onStored(chatKeys: readonly string[]): void;
  /** Long-poll timeout in seconds. */
  timeoutSeconds?: number;
}

/**
 * Long polling for one bot: store each batch in the inbox, and only then confirm it to Telegram
 * (the next call's offset). Runs on the leader alone, until the signal aborts.
 */
export async function pollUpdates(options: PollingOptions): Promise<void> {
  const { api, botId, database, signal, logger, metrics } = options;
  let offset: number | undefined;
  let failures = 0;
  while (!signal.aborted) {
    let storing = false;
    try {
      const updates = await api.getUpdates(
        { offset, timeout: options.timeoutSeconds ?? 25, allowed_updates: [...ALLOWED_UPDATES] },
        signal as Parameters<Api["getUpdates"]>[1],
      );
      failures = 0;
      if (updates.length === 0) continue;
      storing = true;
      const taken = await takeIn(database.db, botId, updates, logger);
      storing = false;
      options.progress.stored(botId);
      metrics.updatesReceived.inc({ intake: "polling" }, updates.length);
      if (taken.quarantined > 0) metrics.updates.inc({ type: "intake", outcome: "quarantined" }, taken.quarantined);
      crashPoint("inbox-before-ack");
      offset = nextOffset(updates, offset);
      options.onStored(taken.chatKeys);
    } catch (error) {
      if (signal.aborted) break;
      failures++;
      const conflict = error instanceof GrammyError && error.error_code === 409;
      if (storing) {
        // Not acknowledged: the same updates come again with the next call.
        options.progress.failed(botId, error);
        logger.error({ err: error, bot: botId }, "received updates could not be written to the inbox");
      } else logger.warn({ err: error, bot: botId }, conflict ? "another process is polling this bot" : "getUpdates failed");
      const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      const delay = retryAfter !== undefined ? retryAfter * 1000 : Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
      await sleep(delay, undefined, { signal }).catch(() => undefined);
    }
  }
}

/** Past the batch: the highest update id in it, plus one (ids that are not integers are skipped). */
function nextOffset(updates: readonly { update_id: unknown }[], offset: number | undefined): number | undefined {
  const ids = updates.map((update) => update.update_id).filter((id): id is number => Number.isSafeInteger(id));
  return ids.length === 0 ? offset : Math.max(...ids) + 1;
}
