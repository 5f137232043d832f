/**
 * Telegram's sending limits for one bot, held in memory by the one process that sends (the
 * leader). Pure: time comes from the injected clock, nothing sleeps here.
 *
 * Limits are sliding windows, not token buckets: a bucket of 30 refilled at 30/s lets ~59 calls
 * through in one second (a full bucket, then the refill), while a window of the last 30 call
 * times guarantees that no interval of `windowMs` ever holds more than the limit.
 *
 * Telegram counts a call when it arrives, at some moment between sending it and its answer. So a
 * place is held from when a row is picked until Telegram answers, and the answer's time is what
 * the window records: however the database writes before the call and the trip to Telegram
 * vary, no window of Telegram's then holds more calls than the limit. (Times recorded at the
 * pick let calls arrive bunched: 429s even at 27/s against Telegram's 30/s.)
 */

export interface RateLimits {
  /** Calls per second across all chats of one bot (Telegram: about 30). */
  globalPerSecond: number;
  /** Calls per second to one private chat (chat_id > 0; Telegram: about 1). */
  privatePerSecond: number;
  /** Calls per minute to one group or channel (chat_id < 0; Telegram: 20). */
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: Readonly<RateLimits> = { globalPerSecond: 30, privatePerSecond: 1, groupPerMinute: 20 };

/**
 * 429s from this many different chats within `RECENT_429_MS` are taken as the bot's global
 * limit rather than one chat's.
 */
const CHATS_FOR_GLOBAL_PAUSE = 2;
const RECENT_429_MS = 2_000;
const SWEEP_EVERY_MS = 60_000;

/** The last `limit` event times within `windowMs`, and places held for events about to happen. */
export class SlidingWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #times: number[] = [];
  #held = 0;

  constructor(limit: number, windowMs: number) {
    if (!(limit >= 1)) throw new RangeError(`a rate limit must allow at least 1 call, not ${limit}`);
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  #prune(now: number): void {
    while (this.#times.length > 0 && (this.#times[0] ?? 0) <= now - this.#windowMs) this.#times.shift();
  }

  /** Milliseconds until one more event fits; 0 when it fits now. */
  waitMs(now: number): number {
    this.#prune(now);
    const taken = this.#times.length + this.#held;
    if (taken < this.#limit) return 0;
    // A held place leaves the window only a window after its event, so a recorded one must leave.
    const leaving = this.#times[taken - this.#limit];
    if (leaving === undefined) return this.#windowMs;
    return Math.max(1, leaving + this.#windowMs - now);
  }

  /** An event happens now (times must not go backwards). */
  record(now: number): void {
    this.#times.push(now);
    if (this.#times.length > this.#limit) this.#times.shift();
  }

  /** Keeps a place for an event about to happen: it counts from now until a window after `use`. */
  hold(): void {
    this.#held++;
  }

  /** The held event happens now. */
  use(now: number): void {
    this.#held = Math.max(0, this.#held - 1);
    this.record(now);
  }

  /** The held event will not happen. */
  release(): void {
    this.#held = Math.max(0, this.#held - 1);
  }

  /** True when nothing in the window constrains the next event (the window may be forgotten). */
  idle(now: number): boolean {
    this.#prune(now);
    return this.#times.length === 0 && this.#held === 0;
  }
}

export type PauseScope = "chat" | "bot";

export class RateLimiter {
  readonly #limits: RateLimits;
  readonly #now: () => number;
  readonly #global: SlidingWindow;
  readonly #chats = new Map<number, SlidingWindow>();
  readonly #chatPausedUntil = new Map<number, number>();
  #botPausedUntil = 0;
  /** Recent 429s: chat id -> when. */
  readonly #recent429 = new Map<number, number>();
  #lastSweep: number;

  constructor(limits: Partial<RateLimits> = {}, now: () => number = Date.now) {
    this.#limits = { ...TELEGRAM_LIMITS, ...limits };
    this.#now = now;
    this.#global = new SlidingWindow(this.#limits.globalPerSecond, 1_000);
    this.#lastSweep = now();
  }

  #chatWindow(chatId: number): SlidingWindow {
    let window = this.#chats.get(chatId);
    if (window === undefined) {
      window = chatId < 0 ? new SlidingWindow(this.#limits.groupPerMinute, 60_000) : new SlidingWindow(this.#limits.privatePerSecond, 1_000);
      this.#chats.set(chatId, window);
    }
    return window;
  }

  /** Milliseconds until a call to `chatId` may be made; 0 when it may be made now. */
  waitMs(chatId: number): number {
    const now = this.#now();
    const paused = Math.max(this.#botPausedUntil, this.#chatPausedUntil.get(chatId) ?? 0) - now;
    const chat = this.#chats.get(chatId)?.waitMs(now) ?? 0;
    return Math.max(0, paused, chat, this.#global.waitMs(now));
  }

  /** Records a call to `chatId` when the limits allow one now; false (nothing recorded) when not. */
  tryTake(chatId: number): boolean {
    if (!this.tryHold(chatId)) return false;
    this.answered(chatId);
    return true;
  }

  /**
   * Holds a place for a call to `chatId` when the limits allow one now; false (nothing held) when
   * not. Each place held is then either `answered` once Telegram answered the call, or `release`d.
   */
  tryHold(chatId: number): boolean {
    if (this.waitMs(chatId) > 0) return false;
    this.#global.hold();
    this.#chatWindow(chatId).hold();
    return true;
  }

  /** Telegram answered the call a place was held for (whatever it said): it counts from now. */
  answered(chatId: number): void {
    const now = this.#now();
    this.#global.use(now);
    this.#chatWindow(chatId).use(now);
    if (now - this.#lastSweep >= SWEEP_EVERY_MS) this.sweep();
  }

  /** The call a place was held for will not be made. */
  release(chatId: number): void {
    this.#global.release();
    this.#chats.get(chatId)?.release();
  }

  /**
   * Telegram answered 429 with `retry_after` for a call to `chatId`. Telegram does not say which
   * limit was hit, so: that chat always waits `retry_after`; when 429s came from at least two
   * different chats within the last 2 s, the limit is most likely the bot's global one (calls in
   * flight together are refused together), and the whole bot waits. A single chat's 429 never
   * stops the other chats; a global 429 costs at most one more refused call per chat in flight.
   */
  tooManyRequests(chatId: number, retryAfterSeconds: number): PauseScope {
    const now = this.#now();
    const until = now + Math.max(0, retryAfterSeconds) * 1_000;
    this.#chatPausedUntil.set(chatId, Math.max(until, this.#chatPausedUntil.get(chatId) ?? 0));
    this.#recent429.set(chatId, now);
    let chats = 0;
    for (const [chat, at] of this.#recent429) {
      if (now - at >= RECENT_429_MS) this.#recent429.delete(chat);
      else chats++;
    }
    if (chats < CHATS_FOR_GLOBAL_PAUSE) return "chat";
    this.#botPausedUntil = Math.max(this.#botPausedUntil, until);
    return "bot";
  }

  /** Forgets chats that no longer constrain anything, so memory follows the active chats. */
  sweep(): void {
    const now = this.#now();
    this.#lastSweep = now;
    for (const [chatId, window] of this.#chats) if (window.idle(now)) this.#chats.delete(chatId);
    for (const [chatId, until] of this.#chatPausedUntil) if (until <= now) this.#chatPausedUntil.delete(chatId);
    for (const [chatId, at] of this.#recent429) if (now - at >= RECENT_429_MS) this.#recent429.delete(chatId);
  }

  /** How many chats are remembered (for tests of the sweep). */
  get trackedChats(): number {
    return this.#chats.size + this.#chatPausedUntil.size;
  }
}
