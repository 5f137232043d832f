import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RateLimiter, SlidingWindow, TELEGRAM_LIMITS } from "../../../src/platform/telegram/rate-limiter.ts";

function fakeClock(start = 1_000_000) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

/** The most events any window [t, t + windowMs) of the given times holds. */
function busiestWindow(times: number[], windowMs: number): number {
  return Math.max(0, ...times.map((start) => times.filter((time) => time >= start && time < start + windowMs).length));
}

describe("a sliding window", () => {
  test("lets the limit through, then says how long until the oldest event leaves the window", () => {
    const window = new SlidingWindow(3, 1_000);
    for (const now of [0, 100, 200]) {
      assert.equal(window.waitMs(now), 0);
      window.record(now);
    }
    assert.equal(window.waitMs(300), 700);
    assert.equal(window.waitMs(999), 1);
    assert.equal(window.waitMs(1_000), 0);
  });

  test("refuses a limit below one", () => {
    assert.throws(() => new SlidingWindow(0, 1_000), RangeError);
  });
});

describe("the rate limiter", () => {
  test("defaults to Telegram's limits", () => {
    assert.deepEqual(TELEGRAM_LIMITS, { globalPerSecond: 30, privatePerSecond: 1, groupPerMinute: 20 });
  });

  test("lets 30 calls a second through to different chats and never more than 30 in any second", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({}, clock.now);
    const sent: number[] = [];
    const waiting = new Set(Array.from({ length: 100 }, (_, i) => i + 1));
    for (let step = 0; waiting.size > 0 && step < 100; step++) {
      for (const chat of waiting) {
        if (limiter.tryTake(chat)) {
          sent.push(clock.t);
          waiting.delete(chat);
        }
      }
      clock.t += 100;
    }
    assert.equal(sent.length, 100);
    assert.equal(busiestWindow(sent, 1_000), 30);
    assert.equal(sent.at(-1), 1_000_000 + 3_000);
  });

  test("lets one call a second through to a private chat", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({}, clock.now);
    assert.equal(limiter.tryTake(42), true);
    assert.equal(limiter.tryTake(42), false);
    assert.equal(limiter.waitMs(42), 1_000);
    clock.t += 999;
    assert.equal(limiter.tryTake(42), false);
    clock.t += 1;
    assert.equal(limiter.tryTake(42), true);
  });

  test("lets 20 calls a minute through to a group, however they are spread", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({}, clock.now);
    const sent: number[] = [];
    for (let step = 0; step < 150; step++) {
      if (limiter.tryTake(-100123)) sent.push(clock.t);
      clock.t += 1_000;
    }
    assert.equal(busiestWindow(sent, 60_000), 20);
    assert.equal(sent.length, 60);
    assert.equal(limiter.tryTake(-100456), true, "another group has its own budget");
  });

  test("a refused call records nothing", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ globalPerSecond: 2 }, clock.now);
    assert.equal(limiter.tryTake(1), true);
    assert.equal(limiter.tryTake(1), false);
    assert.equal(limiter.tryTake(2), true, "the refused call to chat 1 used no global budget");
    assert.equal(limiter.tryTake(3), false);
  });

  test("a held place counts against the limit at once, and its second starts when Telegram answers", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ globalPerSecond: 2 }, clock.now);
    assert.equal(limiter.tryHold(1), true);
    assert.equal(limiter.tryHold(2), true);
    assert.equal(limiter.tryHold(3), false, "two places held fill a limit of two");
    clock.t += 400;
    limiter.answered(1);
    limiter.answered(2);
    clock.t += 999;
    assert.equal(limiter.waitMs(3), 1, "counted from the answers, not from the holds");
    clock.t += 1;
    assert.equal(limiter.tryHold(3), true);
  });

  test("a released place frees the limit without counting as a call", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ globalPerSecond: 1 }, clock.now);
    assert.equal(limiter.tryHold(1), true);
    assert.equal(limiter.tryHold(2), false);
    limiter.release(1);
    assert.equal(limiter.tryHold(1), true, "the chat's own window was released too");
  });

  test("a 429 from one chat pauses that chat only, for retry_after", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({}, clock.now);
    assert.equal(limiter.tooManyRequests(7, 5), "chat");
    assert.equal(limiter.waitMs(7), 5_000);
    assert.equal(limiter.waitMs(8), 0);
    clock.t += 5_000;
    assert.equal(limiter.waitMs(7), 0);
  });

  test("429s from two chats within two seconds pause the whole bot", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({}, clock.now);
    assert.equal(limiter.tooManyRequests(7, 3), "chat");
    clock.t += 500;
    assert.equal(limiter.tooManyRequests(8, 3), "bot");
    assert.equal(limiter.waitMs(9), 3_000);
    clock.t += 3_000;
    assert.equal(limiter.waitMs(9), 0);
  });

  test("429s from two chats far apart stay per chat", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({}, clock.now);
    assert.equal(limiter.tooManyRequests(7, 1), "chat");
    clock.t += 10_000;
    assert.equal(limiter.tooManyRequests(8, 1), "chat");
    assert.equal(limiter.waitMs(9), 0);
  });

  test("chats that no longer constrain anything are forgotten", () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({}, clock.now);
    for (let chat = 1; chat <= 10; chat++) clock.t += limiter.tryTake(chat) ? 0 : limiter.waitMs(chat);
    limiter.tryTake(-5);
    assert.equal(limiter.trackedChats, 11);
    clock.t += 1_000;
    limiter.sweep();
    assert.equal(limiter.trackedChats, 1, "the group's one-minute window still counts");
    clock.t += 60_000;
    limiter.sweep();
    assert.equal(limiter.trackedChats, 0);
  });
});
