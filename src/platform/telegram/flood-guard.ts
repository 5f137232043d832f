import type { MiddlewareFn } from "grammy";
import type { BotyardContext } from "./context.ts";

/**
 * Counts each user's updates in a sliding window. Past the limit their updates are dropped, and
 * only the first dropped one in a window gets a (single, polite) warning.
 */
export class FloodGuard {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #seen = new Map<string, { times: number[]; warned: boolean }>();

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** `allow`, or `warn` (first excess in the window), or `drop`. */
  check(key: string): "allow" | "warn" | "drop" {
    const now = this.#now();
    const entry = this.#seen.get(key) ?? { times: [], warned: false };
    entry.times = entry.times.filter((time) => now - time < this.#windowMs);
    if (entry.times.length === 0) entry.warned = false;
    this.#seen.set(key, entry);
    if (entry.times.length < this.#limit) {
      entry.times.push(now);
      return "allow";
    }
    if (entry.warned) return "drop";
    entry.warned = true;
    return "warn";
  }

  /** Forgets users whose window has passed; call now and then to bound memory. */
  sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#seen) {
      if (entry.times.every((time) => now - time >= this.#windowMs)) this.#seen.delete(key);
    }
  }
}

/**
 * Drops a person's updates past `limit` in `windowMs` (the first dropped one gets a warning)
 * before anything is written for them.
 */
export function floodGuardMiddleware(guard: FloodGuard, onDropped: () => void): MiddlewareFn<BotyardContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (from === undefined || from.is_bot) return next();
    const verdict = guard.check(String(from.id));
    if (verdict === "allow") return next();
    onDropped();
    if (verdict === "warn" && ctx.chat !== undefined) await ctx.reply(ctx.t("flood-warning"));
  };
}
