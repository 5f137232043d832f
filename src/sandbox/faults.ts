/** Fault injection: the next N matching Bot API calls fail (or wait) as the control API asked. */
import type { FaultRequest } from "./control.ts";
import { ApiError, BLOCKED, ControlError, tooManyRequests } from "./errors.ts";

interface ArmedFault extends FaultRequest {
  remaining: number;
}

const KINDS = new Set(["429", "403", "400", "500", "hold"]);

export class Faults {
  private armed: ArmedFault[] = [];
  /** The calls a "hold" fault keeps waiting, each let go by its function. */
  private held: (() => void)[] = [];

  add(req: FaultRequest): void {
    if (!KINDS.has(req.kind)) throw new ControlError(400, "kind must be one of 429, 403, 400, 500, hold");
    if (!Number.isInteger(req.count) || req.count < 1) throw new ControlError(400, "count must be a positive integer");
    this.armed.push({ ...req, remaining: req.count });
  }

  /** Resolves when release() lets this held call go on, or when the signal aborts (the call was given up). */
  waitForRelease(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const go = () => {
        signal.removeEventListener("abort", abort);
        resolve();
      };
      const abort = () => {
        this.held = this.held.filter((other) => other !== go);
        resolve();
      };
      if (signal.aborted) return resolve();
      signal.addEventListener("abort", abort, { once: true });
      this.held.push(go);
    });
  }

  /** Lets every held call go on; how many there were. */
  release(): number {
    const held = this.held;
    this.held = [];
    for (const go of held) go();
    return held.length;
  }

  clear(): void {
    this.armed = [];
  }

  list(): FaultRequest[] {
    return this.armed.map(({ remaining, ...rest }) => ({ ...rest, count: remaining }));
  }

  /** Uses up the first fault matching this call, if any. */
  take(method: string, chatId: unknown): FaultRequest | undefined {
    const index = this.armed.findIndex((f) => {
      if (f.method !== undefined) {
        if (f.method.toLowerCase() !== method.toLowerCase()) return false;
      } else if (method === "getUpdates") {
        return false;
      }
      if (f.chat_id !== undefined && String(f.chat_id) !== String(chatId)) return false;
      return true;
    });
    const fault = this.armed[index];
    if (fault === undefined) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.armed.splice(index, 1);
    return fault;
  }
}

/** The error an armed fault answers with (undefined for "hold"). */
export function faultError(f: FaultRequest): ApiError | undefined {
  switch (f.kind) {
    case "429":
      return tooManyRequests(f.retry_after ?? 1);
    case "403":
      return new ApiError(403, f.description ?? BLOCKED);
    case "400":
      return new ApiError(400, f.description ?? "Bad Request: injected fault");
    case "500":
      return new ApiError(500, f.description ?? "Internal Server Error");
    case "hold":
      return undefined;
  }
}
