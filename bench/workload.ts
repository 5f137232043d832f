// The scripted workload: simulated users talk to a bot through the emulator's control API while
// the bot (another process) talks to the emulator over real HTTP. A reply's time is the moment the
// emulator recorded the bot's sendMessage, on the same clock as the send.
import type { EmulatorControl } from "../src/sandbox/control.ts";

/** The emulator's clock for the benchmark: milliseconds since the epoch, sub-millisecond precise. */
export const benchClock = (): number => performance.timeOrigin + performance.now();

/** How long to wait for any one reply before calling the run broken (never a speed assertion). */
const PATIENCE_MS = 60_000;

interface Mailbox {
  replies: number[];
  waiters: ((at: number) => void)[];
}

/**
 * Reads the whole transcript with one long poll and hands each bot message to the chat it went
 * to, so a thousand waiting users cost one poll, not a thousand.
 */
export class ReplyCollector {
  readonly #control: EmulatorControl;
  readonly #boxes = new Map<number, Mailbox>();
  readonly #stopping = new AbortController();
  #after = 0;
  #lastReplyAt = 0;
  readonly #running: Promise<void>;

  constructor(control: EmulatorControl) {
    this.#control = control;
    this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      const entries = await this.#control.transcript({ after: this.#after, wait: 1 }, this.#stopping.signal);
      for (const entry of entries) {
        this.#after = Math.max(this.#after, entry.seq);
        if (entry.direction !== "from_bot" || entry.message === undefined) continue;
        this.#lastReplyAt = entry.at;
        const box = this.#box(entry.chat_id);
        const waiter = box.waiters.shift();
        if (waiter !== undefined) waiter(entry.at);
        else box.replies.push(entry.at);
      }
    }
  }

  #box(chatId: number): Mailbox {
    let box = this.#boxes.get(chatId);
    if (box === undefined) {
      box = { replies: [], waiters: [] };
      this.#boxes.set(chatId, box);
    }
    return box;
  }

  /** The time of the next bot message in this chat not yet taken. */
  next(chatId: number): Promise<number> {
    const box = this.#box(chatId);
    const ready = box.replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        box.waiters.splice(box.waiters.indexOf(done), 1);
        reject(new Error(`chat ${chatId}: no reply within ${PATIENCE_MS} ms`));
      }, PATIENCE_MS);
      const done = (at: number) => {
        clearTimeout(timer);
        resolve(at);
      };
      box.waiters.push(done);
    });
  }

  /** Waits until no bot message arrived for `quietMs`, then forgets every unclaimed reply. */
  async settle(quietMs = 500): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, quietMs / 5));
      if (benchClock() - this.#lastReplyAt >= quietMs) break;
    }
    for (const box of this.#boxes.values()) box.replies.length = 0;
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
  }
}

export interface LatencyStats {
  count: number;
  seconds: number;
  /** Updates handled per second: replies / (last reply - first send). */
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(latencies: number[], seconds: number): LatencyStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    count: sorted.length,
    seconds: round(seconds),
    perSecond: Math.round(sorted.length / seconds),
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) ?? NaN),
    mean: round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
  };
}

export function createUsers(control: EmulatorControl, count: number, firstId: number): number[] {
  return Array.from({ length: count }, (_, i) => control.createUser({ id: firstId + i, first_name: `User ${i}`, language_code: "en" }).id);
}

/** Each user says /start once and the bot is given time to finish (not measured). */
export async function greet(control: EmulatorControl, collector: ReplyCollector, users: number[]): Promise<void> {
  await Promise.all(
    users.map(async (user) => {
      control.send({ from: user, text: "/start" });
      await collector.next(user);
    }),
  );
  await collector.settle();
}

/**
 * Closed loop: every user sends a message, waits for the reply, sends the next; all users at
 * once. Latency is send -> reply; throughput is all replies over the wall time.
 */
export async function conversation(control: EmulatorControl, collector: ReplyCollector, users: number[], messages: number): Promise<LatencyStats> {
  const latencies: number[] = [];
  const started = benchClock();
  let lastReply = started;
  await Promise.all(
    users.map(async (user) => {
      for (let i = 0; i < messages; i++) {
        const sent = benchClock();
        control.send({ from: user, text: `hello ${i}` });
        const replied = await collector.next(user);
        latencies.push(replied - sent);
        lastReply = Math.max(lastReply, replied);
      }
    }),
  );
  return summarize(latencies, (lastReply - started) / 1000);
}

/**
 * Burst: every user sends all their messages at once, then the bot works through the backlog.
 * The k-th reply in a chat answers its k-th message (both bots answer a chat in order).
 */
export async function burst(control: EmulatorControl, collector: ReplyCollector, users: number[], messages: number): Promise<LatencyStats> {
  const sent = new Map<number, number[]>();
  const started = benchClock();
  for (let i = 0; i < messages; i++) {
    for (const user of users) {
      const times = sent.get(user) ?? [];
      times.push(benchClock());
      sent.set(user, times);
      control.send({ from: user, text: `burst ${i}` });
    }
  }
  const latencies: number[] = [];
  let lastReply = started;
  await Promise.all(
    users.map(async (user) => {
      for (const at of sent.get(user) ?? []) {
        const replied = await collector.next(user);
        latencies.push(replied - at);
        lastReply = Math.max(lastReply, replied);
      }
    }),
  );
  return summarize(latencies, (lastReply - started) / 1000);
}
