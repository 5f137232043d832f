/**
 * Rate limits like Telegram's (global per second, per private chat per second, per group per
 * minute), enforced with 429 + retry_after on sending methods. Off until configured. The clock
 * (the emulator's) runs `time_scale` times faster.
 */
import type { LimitsRequest } from "./control.ts";
import { ControlError, tooManyRequests } from "./errors.ts";
import type { Store } from "./state.ts";

/** Methods that count as sending a message. Edits never count. */
export const SENDING_METHODS = new Set([
  "sendMessage",
  "sendPhoto",
  "sendDocument",
  "sendVoice",
  "sendVideo",
  "sendSticker",
  "sendLocation",
  "sendMediaGroup",
  "copyMessage",
  "forwardMessage",
  "sendInvoice",
]);

export class RateLimits {
  private config: LimitsRequest = {};
  private global: number[] = [];
  private perChat = new Map<number, number[]>();
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  set(req: LimitsRequest): void {
    for (const key of ["global_per_second", "private_chat_per_second", "group_per_minute", "time_scale"] as const) {
      const v = req[key];
      if (v !== undefined && (typeof v !== "number" || !(v > 0))) throw new ControlError(400, `${key} must be a positive number`);
    }
    this.config = { ...req };
    this.global = [];
    this.perChat.clear();
  }

  get current(): LimitsRequest {
    return { ...this.config };
  }

  private now(): number {
    return this.store.clock() * (this.config.time_scale ?? 1);
  }

  /** Throws a 429 (and counts a violation) when this send would break a limit; else records it. */
  check(chatId: number, isPrivate: boolean): void {
    const { global_per_second: g, private_chat_per_second: p, group_per_minute: m } = this.config;
    if (g === undefined && p === undefined && m === undefined) return;
    const now = this.now();
    let wait = 0;
    if (g !== undefined) {
      this.global = this.global.filter((t) => t > now - 1000);
      if (this.global.length >= g) wait = Math.max(wait, (this.global[this.global.length - g] ?? now) + 1000 - now);
    }
    const chatLimit = isPrivate ? p : m;
    const window = isPrivate ? 1000 : 60_000;
    let chatLog = this.perChat.get(chatId) ?? [];
    if (chatLimit !== undefined) {
      chatLog = chatLog.filter((t) => t > now - window);
      this.perChat.set(chatId, chatLog);
      if (chatLog.length >= chatLimit) wait = Math.max(wait, (chatLog[chatLog.length - chatLimit] ?? now) + window - now);
    }
    if (wait > 0) {
      this.store.stats.rateLimitViolations++;
      throw tooManyRequests(Math.max(1, Math.ceil(wait / 1000)));
    }
    if (g !== undefined) this.global.push(now);
    if (chatLimit !== undefined) chatLog.push(now);
  }
}
