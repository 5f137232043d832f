import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../log.ts";

/** Runs `work` every `intervalMs` until the signal aborts; a failure is logged and the loop goes on. */
export async function runEvery(intervalMs: number, signal: AbortSignal, work: () => Promise<unknown>, logger: Logger): Promise<void> {
  while (!signal.aborted) {
    try {
      await work();
    } catch (error) {
      logger.error({ err: error }, "periodic work failed");
    }
    await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
  }
}
