import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { GrammyError, HttpError } from "grammy";
import type { Transaction } from "kysely";
import pino from "pino";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import type { PlatformTables } from "../../../src/platform/db/schema.ts";
import { createMetrics, type Metrics } from "../../../src/platform/metrics.ts";
import { createOutboxSender, type OutboxSenderDeps } from "../../../src/platform/telegram/outbox-sender.ts";
import { enqueueOutbox } from "../../../src/platform/telegram/outbox.ts";
import { databaseKinds, platformOnly, tempDir, type TestDatabase } from "../../support/databases.ts";

/** Later than any real now(), so rows queued with the database's default not_before are due. */
const T0 = Date.parse("2030-01-01T00:00:00Z");

interface Call {
  botId: string;
  method: string;
  chatId: number;
  text: unknown;
  /** The message an edit edits. */
  messageId: unknown;
  at: number;
}

function telegramError(code: number, description: string, retryAfter?: number): GrammyError {
  return new GrammyError(
    `Call failed! (${code}: ${description})`,
    { ok: false, error_code: code, description, ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }) },
    "sendMessage",
    {},
  );
}

/** Plays Telegram: records every call at the fake clock's time and fails on cue. */
class FakeTelegram {
  readonly calls: Call[] = [];
  readonly #failures = new Map<number, Error[]>();
  #nextMessageId = 100;
  readonly #clock: { now(): number };

  constructor(clock: { now(): number }) {
    this.#clock = clock;
  }

  /** The next calls to `chatId` fail with these errors, in order. */
  failNext(chatId: number, ...errors: Error[]): void {
    this.#failures.set(chatId, [...(this.#failures.get(chatId) ?? []), ...errors]);
  }

  callsTo(chatId: number): Call[] {
    return this.calls.filter((call) => call.chatId === chatId);
  }

  readonly callApi = (botId: string, method: string, payload: Record<string, unknown>): Promise<unknown> => {
    const chatId = Number(payload.chat_id);
    this.calls.push({ botId, method, chatId, text: payload.text, messageId: payload.message_id, at: this.#clock.now() });
    const failure = this.#failures.get(chatId)?.shift();
    if (failure !== undefined) return Promise.reject(failure);
    if (method === "editMessageText") return Promise.resolve(true);
    return Promise.resolve({ message_id: this.#nextMessageId++, chat: { id: chatId } });
  };
}

async function counterValue(counter: Metrics["repeatedMessages"] | Metrics["tooManyRequests"] | Metrics["apiCalls"], labels: Record<string, string> = {}) {
  const { values } = await counter.get();
  return values
    .filter((value) => Object.entries(labels).every(([key, wanted]) => (value.labels as Record<string, unknown>)[key] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}

/** The most events any window [t, t + windowMs) of the given times holds. */
function busiestWindow(times: number[], windowMs: number): number {
  return Math.max(0, ...times.map((start) => times.filter((time) => time >= start && time < start + windowMs).length));
}

let botSequence = 0;

for (const kind of databaseKinds) {
  describe(`the outbox sender on ${kind.name}`, { skip: kind.skip }, () => {
    let fresh: TestDatabase;
    let database: Database;
    before(async () => {
      fresh = await kind.fresh(platformOnly);
      database = await openDatabase(fresh.settings);
    });
    after(async () => {
      await database.close();
      await fresh.drop();
    });

    /** A sender for a bot of its own (so tests sharing the database never see each other's rows). */
    function harness(overrides: Partial<OutboxSenderDeps> = {}) {
      const botId = `bot-${++botSequence}`;
      const clock = { t: T0, now: () => clock.t };
      const telegram = new FakeTelegram(clock);
      const metrics = createMetrics();
      const sender = createOutboxSender({
        database,
        botIds: [botId],
        callApi: telegram.callApi,
        clock,
        logger: pino({ level: "silent" }),
        metrics,
        ...overrides,
      });
      const enqueue = (chatId: number, text: string, extra: { method?: string; payload?: Record<string, unknown>; notBefore?: Date } = {}) =>
        enqueueOutbox(database.db, {
          botId,
          chatId,
          method: extra.method ?? "sendMessage",
          payload: { chat_id: chatId, text, ...extra.payload },
          dedupeKey: `test:${text}:to:${chatId}`,
          ...(extra.notBefore === undefined ? {} : { notBefore: extra.notBefore }),
        });
      const rows = () => database.db.selectFrom("outbox").selectAll().where("bot_id", "=", botId).orderBy("id").execute();
      /** Runs a pass at each fake time from now to `until` (inclusive) in steps of `stepMs`. */
      const passes = async (until: number, stepMs: number) => {
        for (; clock.t <= until; clock.t += stepMs) await sender.sendDue();
        clock.t -= stepMs;
      };
      return { botId, clock, telegram, metrics, sender, enqueue, rows, passes };
    }

    test("a producing job run twice queues one row and sends one message", async () => {
      const { botId, telegram, sender, rows } = harness();
      const notifyReaders = (feedbackId: number, readers: number[]) =>
        database.transaction(async (trx) => {
          const fresh: boolean[] = [];
          for (const reader of readers) {
            fresh.push(
              await enqueueOutbox(trx, {
                botId,
                chatId: reader,
                method: "sendMessage",
                payload: { chat_id: reader, text: `feedback ${feedbackId}` },
                dedupeKey: `feedback:${feedbackId}:to:${reader}`,
              }),
            );
          }
          return fresh;
        });
      assert.deepEqual(await notifyReaders(42, [1001]), [true]);
      assert.deepEqual(await notifyReaders(42, [1001]), [false]);
      assert.equal((await rows()).length, 1);
      assert.equal(await sender.sendDue(), 1);
      assert.equal(await sender.sendDue(), 0);
      assert.equal(telegram.calls.length, 1);
      const [row] = await rows();
      assert.equal(row?.status, "sent");
      assert.equal(row?.message_id, 100);
      assert.equal(row?.sent_at?.getTime(), T0);
    });

    test("a row queued in a rolled-back transaction is never sent", async () => {
      const { botId, telegram, sender, rows } = harness();
      await assert.rejects(
        database.transaction(async (trx: Transaction<PlatformTables>) => {
          await enqueueOutbox(trx, { botId, chatId: 5, method: "sendMessage", payload: { chat_id: 5, text: "x" }, dedupeKey: "rolled:5" });
          throw new Error("the service failed");
        }),
      );
      assert.equal((await rows()).length, 0);
      assert.equal(await sender.sendDue(), 0);
      assert.equal(telegram.calls.length, 0);
    });

    test("a chat's order holds when its first message meets a 5xx and then goes through (a group, so no 1 s limit hides it)", async () => {
      const { clock, telegram, sender, enqueue, rows } = harness();
      await enqueue(-1001, "first");
      await enqueue(-1001, "second");
      telegram.failNext(-1001, telegramError(502, "Bad Gateway"));
      await sender.sendDue();
      await sender.sendDue();
      assert.deepEqual(telegram.calls.map((call) => call.text), ["first"], "the second waits behind the first");
      clock.t += 1_000;
      await sender.sendDue();
      clock.t += 1_000;
      await sender.sendDue();
      assert.deepEqual(telegram.calls.map((call) => call.text), ["first", "first", "second"]);
      const [first, second] = await rows();
      assert.equal(first?.status, "sent");
      assert.equal(first?.attempts, 2);
      assert.equal(second?.status, "sent");
    });

    test("Telegram refusing calls (5xx, network) is reported to health as failing; any answer about the message as recovered, a 429 as neither", async () => {
      const reports: string[] = [];
      const health = {
        failing: (problem: { kind: string }, detail: string) => Promise.resolve(void reports.push(`failing ${problem.kind}: ${detail}`)),
        recovered: (problem: { kind: string }) => Promise.resolve(void reports.push(`recovered ${problem.kind}`)),
      };
      const { clock, telegram, sender, enqueue } = harness({ health });
      await enqueue(-2001, "one");
      await enqueue(-2002, "two");
      await enqueue(-2003, "three");
      telegram.failNext(-2001, telegramError(502, "Bad Gateway"));
      telegram.failNext(-2002, new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")));
      telegram.failNext(-2003, telegramError(429, "Too Many Requests: retry after 1", 1));
      await sender.sendDue();
      assert.equal(reports.length, 2, reports.join());
      assert.ok(reports.some((report) => /^failing telegram: .*Bad Gateway/.test(report)));
      assert.ok(reports.includes("failing telegram: Network request for 'sendMessage' failed!"));
      reports.length = 0;
      clock.t += 2_000;
      await sender.sendDue();
      assert.ok(reports.length > 0 && reports.every((report) => report === "recovered telegram"), reports.join());
      reports.length = 0;
      await enqueue(-2004, "rejected");
      telegram.failNext(-2004, telegramError(400, "Bad Request: chat not found"));
      await sender.sendDue();
      assert.deepEqual(reports, ["recovered telegram"]);
    });

    test("a message that keeps meeting network errors is failed after 8 attempts, with growing waits", async () => {
      const { clock, telegram, sender, enqueue, rows, metrics } = harness();
      await enqueue(1002, "doomed");
      await enqueue(1002, "after it");
      telegram.failNext(1002, ...Array.from({ length: 8 }, () => new HttpError("Network request failed", new Error("ECONNRESET"))));
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 8; attempt++) {
        await sender.sendDue();
        const [row] = await rows();
        if (row?.status === "pending") waits.push(row.not_before.getTime() - clock.t);
        clock.t = Math.max(clock.t + 1_000, row?.not_before.getTime() ?? 0);
      }
      assert.deepEqual(waits, [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000]);
      const [doomed, next] = await rows();
      assert.equal(doomed?.status, "failed");
      assert.equal(doomed?.attempts, 8);
      assert.match(doomed?.error ?? "", /Network request failed/);
      await sender.sendDue();
      assert.deepEqual(
        telegram.calls.map((call) => call.text),
        [...Array.from({ length: 8 }, () => "doomed"), "after it"],
        "the chat moves on after a failed message",
      );
      assert.equal(next?.status, "pending");
      assert.equal(await counterValue(metrics.apiCalls, { method: "sendMessage", code: "network" }), 8);
    });

    test("a 429 delays that chat for retry_after and the message is then sent once", async () => {
      const { clock, telegram, sender, enqueue, rows, metrics } = harness();
      await enqueue(2001, "limited");
      telegram.failNext(2001, telegramError(429, "Too Many Requests: retry after 5", 5));
      await sender.sendDue();
      const [waiting] = await rows();
      assert.equal(waiting?.status, "pending");
      assert.equal(waiting?.not_before.getTime(), T0 + 5_000);
      clock.t += 1_000;
      await enqueue(2002, "another chat");
      await sender.sendDue();
      assert.deepEqual(telegram.calls.map((call) => call.text), ["limited", "another chat"], "one chat's 429 does not stop the others");
      clock.t = T0 + 4_999;
      await sender.sendDue();
      assert.equal(telegram.callsTo(2001).length, 1);
      clock.t = T0 + 5_000;
      await sender.sendDue();
      await sender.sendDue();
      assert.equal(telegram.callsTo(2001).length, 2);
      const [sent] = await rows();
      assert.equal(sent?.status, "sent");
      assert.equal(sent?.attempts, 1, "the refused call is not counted as an attempt");
      assert.equal(await counterValue(metrics.tooManyRequests), 1);
      assert.equal(await counterValue(metrics.apiCalls, { code: "429" }), 1);
    });

    test("429s from two chats at once pause the whole bot for retry_after", async () => {
      const { clock, telegram, sender, enqueue } = harness();
      await enqueue(2101, "a");
      await enqueue(2102, "b");
      telegram.failNext(2101, telegramError(429, "Too Many Requests: retry after 3", 3));
      telegram.failNext(2102, telegramError(429, "Too Many Requests: retry after 3", 3));
      await sender.sendDue();
      await enqueue(2103, "c");
      clock.t = T0 + 2_999;
      await sender.sendDue();
      assert.equal(telegram.callsTo(2103).length, 0, "a third chat waits too");
      clock.t = T0 + 3_000;
      await sender.sendDue();
      assert.deepEqual(telegram.calls.map((call) => call.text).sort(), ["a", "a", "b", "b", "c"]);
    });

    test("a 403 blocks the row, marks the person blocked and sends nothing more to that chat", async () => {
      const { botId, clock, telegram, sender, enqueue, rows } = harness();
      await database.db.insertInto("bot").values({ id: botId, telegram_id: 1, username: null, settings: JSON.stringify({}) }).execute();
      await database.db.insertInto("person").values({ telegram_id: 3001, first_name: "Ann" }).onConflict((c) => c.doNothing()).execute();
      await database.db.insertInto("bot_member").values({ bot_id: botId, telegram_id: 3001 }).execute();
      await enqueue(3001, "one");
      await enqueue(3001, "two");
      telegram.failNext(3001, telegramError(403, "Forbidden: bot was blocked by the user"));
      await sender.sendDue();
      const member = await database.db.selectFrom("bot_member").selectAll().where("bot_id", "=", botId).executeTakeFirstOrThrow();
      assert.equal(member.blocked_at?.getTime(), T0);
      assert.deepEqual(
        (await rows()).map((row) => row.status),
        ["blocked", "blocked"],
      );
      clock.t += 10_000;
      await enqueue(3001, "three");
      assert.equal(await sender.sendDue(), 1);
      assert.equal(telegram.calls.length, 1, "Telegram is not called for a blocked person");
      assert.equal((await rows()).at(-1)?.status, "blocked");
    });

    test("a custom onBlocked hook runs in the transaction that blocks the row", async () => {
      const seen: number[] = [];
      const { telegram, sender, enqueue, rows } = harness({
        onBlocked: async (trx, _botId, chatId) => {
          const row = await trx.selectFrom("outbox").select("status").where("chat_id", "=", chatId).executeTakeFirstOrThrow();
          if (row.status === "blocked") seen.push(chatId);
        },
      });
      await enqueue(-3002, "to a group that removed the bot");
      telegram.failNext(-3002, telegramError(403, "Forbidden: bot was kicked from the group chat"));
      await sender.sendDue();
      assert.deepEqual(seen, [-3002]);
      assert.equal((await rows())[0]?.status, "blocked");
    });

    test('"message is not modified" counts as sent; another 400 fails the row with its description', async () => {
      const { telegram, sender, enqueue, rows } = harness();
      await enqueue(4001, "same text", { method: "editMessageText", payload: { message_id: 77 } });
      await enqueue(4002, "bad chat");
      telegram.failNext(4001, telegramError(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same"));
      telegram.failNext(4002, telegramError(400, "Bad Request: chat not found"));
      await sender.sendDue();
      const [edit, bad] = await rows();
      assert.equal(edit?.status, "sent");
      assert.equal(edit?.message_id, 77);
      assert.equal(bad?.status, "failed");
      assert.equal(bad?.error, "Bad Request: chat not found");
      await sender.sendDue();
      assert.equal(telegram.calls.length, 2, "neither is tried again");
    });

    test("an edit queued before its message was sent edits the message the outbox sent", async () => {
      const { botId, clock, telegram, sender, enqueue, rows } = harness();
      await enqueue(-5001, "card");
      await enqueueOutbox(database.db, {
        botId,
        chatId: -5001,
        method: "editMessageText",
        payload: { chat_id: -5001, text: "card: approved", message_id_of: "test:card:to:-5001" },
        dedupeKey: "test:card-edit:to:-5001",
      });
      await sender.sendDue();
      clock.t += 3_000;
      await sender.sendDue();
      const [card, edit] = telegram.callsTo(-5001);
      assert.equal(edit?.method, "editMessageText");
      assert.equal(edit?.messageId, (await rows())[0]?.message_id);
      assert.equal(typeof edit?.messageId, "number");
      assert.equal(card?.text, "card");
    });

    test("an edit of a message that was never sent fails without calling Telegram", async () => {
      const { botId, telegram, sender, rows } = harness();
      await enqueueOutbox(database.db, {
        botId,
        chatId: -5002,
        method: "editMessageText",
        payload: { chat_id: -5002, text: "edit", message_id_of: "test:nothing:to:-5002" },
        dedupeKey: "test:orphan-edit:to:-5002",
      });
      await sender.sendDue();
      assert.equal(telegram.callsTo(-5002).length, 0);
      assert.equal((await rows())[0]?.status, "failed");
    });

    test("broadcast rows wait behind staff notices due at the same time", async () => {
      const { botId, telegram, sender } = harness({ batchSize: 1 });
      const broadcast = await database.db
        .insertInto("bot")
        .values({ id: botId, telegram_id: 1, username: null, settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) })
        .onConflict((conflict) => conflict.doNothing())
        .execute()
        .then(() =>
          database.db
            .insertInto("broadcast")
            .values({ bot_id: botId, created_by: null, text: "sale", segment: "all" })
            .returning("id")
            .executeTakeFirstOrThrow(),
        );
      for (const chatId of [-6001, -6002]) {
        await enqueueOutbox(database.db, { botId, chatId, method: "sendMessage", payload: { chat_id: chatId, text: "sale" }, dedupeKey: `b:${chatId}`, bulk: { broadcastId: broadcast.id } });
      }
      await enqueueOutbox(database.db, { botId, chatId: -6003, method: "sendMessage", payload: { chat_id: -6003, text: "card" }, dedupeKey: "card" });
      await sender.sendDue();
      assert.equal(telegram.calls[0]?.text, "card");
    });

    test("a row left sending by a crash is sent again and counted as possibly repeated", async () => {
      const { botId, telegram, sender, enqueue, rows, metrics } = harness();
      await enqueue(5001, "interrupted");
      await enqueue(5002, "ordinary");
      await database.db.updateTable("outbox").set({ status: "sending", attempts: 1 }).where("bot_id", "=", botId).where("chat_id", "=", 5001).execute();
      assert.equal(await sender.sendDue(), 2);
      assert.equal(telegram.callsTo(5001).length, 1);
      const [interrupted, ordinary] = await rows();
      assert.equal(interrupted?.status, "sent");
      assert.equal(interrupted?.attempts, 2);
      assert.equal(ordinary?.status, "sent");
      assert.equal(await counterValue(metrics.repeatedMessages, { source: "outbox" }), 1);
    });

    test("a process killed between Telegram's 200 and the record sends that message again, once, and counts it", async () => {
      const { botId, clock, telegram, enqueue, rows, metrics } = harness();
      await enqueue(5201, "in flight at the crash");
      await enqueue(5201, "never reached");
      const callsFile = join(tempDir(), "calls.txt");
      // PGlite serves one process: the child takes the data directory while this one lets go.
      if (kind.name === "pglite") await database.close();
      const child = spawn(process.execPath, [join(import.meta.dirname, "fixtures", "send-until-crash.ts")], {
        env: {
          ...process.env,
          BOTYARD_TEST_CRASH_AT: "after-telegram-200",
          DATABASE_SETTINGS: JSON.stringify(fresh.settings),
          CALLS_FILE: callsFile,
          BOT_ID: botId,
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      if (kind.name === "pglite") database = await openDatabase(fresh.settings);
      assert.equal(signal, "SIGKILL");
      assert.deepEqual(readFileSync(callsFile, "utf8").trim().split("\n"), ["in flight at the crash"], "the crash came at the first 200");
      assert.deepEqual(
        (await rows()).map((row) => row.status),
        ["sending", "pending"],
      );
      // The next leader, on the reopened database.
      const sender = createOutboxSender({ database, botIds: [botId], callApi: telegram.callApi, clock, logger: pino({ level: "silent" }), metrics });
      assert.equal(await sender.sendDue(), 1);
      clock.t += 1_000;
      assert.equal(await sender.sendDue(), 1);
      assert.deepEqual(
        telegram.calls.map((call) => call.text),
        ["in flight at the crash", "never reached"],
      );
      assert.deepEqual(
        (await rows()).map((row) => row.status),
        ["sent", "sent"],
      );
      assert.equal(await counterValue(metrics.repeatedMessages, { source: "outbox" }), 1);
    });

    test("a message queued for later is sent when its time comes", async () => {
      const { clock, telegram, sender, enqueue } = harness();
      await enqueue(5101, "reminder", { notBefore: new Date(T0 + 60_000) });
      await sender.sendDue();
      assert.equal(telegram.calls.length, 0);
      clock.t = T0 + 60_000;
      await sender.sendDue();
      assert.equal(telegram.calls.length, 1);
    });

    test("100 messages to 100 private chats at 30 a second go out in 4 clock-seconds, never more than 30 in any second", async () => {
      const { telegram, enqueue, rows, passes, metrics } = harness({ maxInFlight: 100 });
      for (let chat = 1; chat <= 100; chat++) await enqueue(10_000 + chat, `broadcast ${chat}`);
      await passes(T0 + 5_000, 250);
      const times = telegram.calls.map((call) => call.at);
      assert.equal(telegram.calls.length, 100);
      assert.deepEqual([...new Set(times)], [T0, T0 + 1_000, T0 + 2_000, T0 + 3_000]);
      assert.equal(busiestWindow(times, 1_000), 30);
      assert.ok((await rows()).every((row) => row.status === "sent"));
      assert.equal(await counterValue(metrics.apiCalls, { method: "sendMessage", code: "200" }), 100);
      const depth = await metrics.outboxDepth.get();
      assert.equal(depth.values[0]?.value, 0);
    });

    test("calls never exceed 30 in any second of the calls themselves, even when marking rows takes half a second", async () => {
      // Marking the first picked row `sending` takes 500 ms of the fake clock: the calls of that
      // pass are made late, and a limit counted from the pick would let the next 30 overlap them.
      const slowMarks = { armed: true };
      const { clock, telegram, enqueue, passes } = harness({
        maxInFlight: 100,
        database: {
          ...database,
          db: database.db.withPlugin({
            transformQuery: (args) => {
              if (args.node.kind === "UpdateQueryNode" && slowMarks.armed) {
                slowMarks.armed = false;
                clock.t += 500;
              }
              return args.node;
            },
            transformResult: (args) => Promise.resolve(args.result),
          }),
        },
      });
      for (let chat = 1; chat <= 60; chat++) await enqueue(12_000 + chat, `broadcast ${chat}`);
      await passes(T0 + 3_000, 250);
      const times = telegram.calls.map((call) => call.at);
      assert.equal(telegram.calls.length, 60);
      assert.equal(times[0], T0 + 500, "the first calls were made once the slow mark was written");
      assert.equal(busiestWindow(times, 1_000), 30);
    });

    test("a call counts against the limit until Telegram answers it (Telegram counts it somewhere in between)", async () => {
      const answers: number[] = [];
      const { clock, telegram, enqueue, passes } = harness({
        maxInFlight: 100,
        callApi: async (botId, method, payload) => {
          const result = await telegram.callApi(botId, method, payload);
          if (answers.length < 30) clock.t += 400 / 30; // the first 30 answers come over 400 ms
          answers.push(clock.t);
          return result;
        },
      });
      for (let chat = 1; chat <= 40; chat++) await enqueue(13_000 + chat, `broadcast ${chat}`);
      await passes(T0 + 3_000, 100);
      const times = telegram.calls.map((call) => call.at);
      assert.equal(times.length, 40);
      for (let k = 0; k < 10; k++) {
        assert.ok((times[k + 30] ?? 0) >= (answers[k] ?? Infinity) + 1_000, `call ${k + 31} waits a second after answer ${k + 1}`);
      }
    });

    test("5 messages to one private chat go out at most one per second, in order", async () => {
      const { telegram, enqueue, passes } = harness();
      for (let n = 1; n <= 5; n++) await enqueue(20_001, `message ${n}`);
      await passes(T0 + 6_000, 250);
      assert.deepEqual(
        telegram.calls.map((call) => call.text),
        [1, 2, 3, 4, 5].map((n) => `message ${n}`),
      );
      const times = telegram.calls.map((call) => call.at);
      assert.equal(busiestWindow(times, 1_000), 1);
      assert.equal(times.at(-1), T0 + 4_000);
    });

    test("a group gets at most 20 messages a minute", async () => {
      const { telegram, enqueue, passes } = harness();
      for (let n = 1; n <= 25; n++) await enqueue(-100_777, `group ${n}`);
      await passes(T0 + 70_000, 1_000);
      const times = telegram.calls.map((call) => call.at);
      assert.equal(times.length, 25);
      assert.equal(busiestWindow(times, 60_000), 20);
      assert.equal(times[20], T0 + 60_000, "the 21st waits for the first to leave the minute");
    });

    test("the depth gauge counts what is waiting", async () => {
      const { sender, enqueue, metrics } = harness();
      await enqueue(6001, "a");
      await enqueue(6001, "b");
      await enqueue(6002, "c");
      await sender.sendDue();
      assert.equal((await metrics.outboxDepth.get()).values[0]?.value, 3, "counted before the pass sends");
      await sender.sendDue();
      assert.equal((await metrics.outboxDepth.get()).values[0]?.value, 1);
    });

    test("the running loop sends a woken row and stops promptly", async () => {
      let delivered: (text: unknown) => void = () => undefined;
      const arrived = new Promise<unknown>((resolve) => (delivered = resolve));
      const { sender, enqueue, rows } = harness({
        clock: { now: () => Date.now() },
        pollIntervalMs: 60_000,
        callApi: (_botId, _method, payload) => {
          delivered(payload.text);
          return Promise.resolve({ message_id: 1 });
        },
      });
      sender.start();
      await enqueue(7001, "woken");
      sender.wake();
      assert.equal(await arrived, "woken");
      await sender.stop();
      const [row] = await rows();
      assert.equal(row?.status, "sent");
    });

    test("stopping lets a call in flight finish within the grace period and records it", async () => {
      let answer: () => void = () => undefined;
      let started: () => void = () => undefined;
      const inFlight = new Promise<void>((resolve) => (started = resolve));
      const { sender, enqueue, rows } = harness({
        clock: { now: () => Date.now() },
        stopGraceMs: 60_000,
        callApi: () =>
          new Promise((resolve) => {
            answer = () => resolve({ message_id: 9 });
            started();
          }),
      });
      await enqueue(7003, "slow");
      sender.start();
      sender.wake();
      await inFlight;
      const stopped = sender.stop();
      answer();
      await stopped;
      const [row] = await rows();
      assert.equal(row?.status, "sent");
      assert.equal(row?.message_id, 9);
    });

    test("each bot has its own global budget", async () => {
      const clock = { t: T0, now: () => clock.t };
      const telegram = new FakeTelegram(clock);
      const bots = [`bot-${++botSequence}`, `bot-${++botSequence}`];
      const sender = createOutboxSender({ database, botIds: bots, callApi: telegram.callApi, clock, logger: pino({ level: "silent" }), metrics: createMetrics(), maxInFlight: 100 });
      for (const botId of bots) {
        for (let chat = 1; chat <= 40; chat++) {
          await enqueueOutbox(database.db, { botId, chatId: 30_000 + chat, method: "sendMessage", payload: { chat_id: 30_000 + chat }, dedupeKey: `budget:${chat}` });
        }
      }
      assert.equal(await sender.sendDue(), 60);
      assert.deepEqual(
        bots.map((botId) => telegram.calls.filter((call) => call.botId === botId).length),
        [30, 30],
      );
    });

    test("stopping aborts a call in flight and leaves its row to be sent again", async () => {
      let started: () => void = () => undefined;
      const inFlight = new Promise<void>((resolve) => (started = resolve));
      let aborted = false;
      const { sender, enqueue, rows } = harness({
        clock: { now: () => Date.now() },
        stopGraceMs: 0,
        callApi: (_botId, _method, _payload, signal) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener("abort", () => {
              aborted = true;
              reject(new HttpError("aborted", signal.reason));
            });
            started();
          }),
      });
      await enqueue(7002, "hanging");
      sender.start();
      sender.wake();
      await inFlight;
      await sender.stop();
      assert.equal(aborted, true);
      const [row] = await rows();
      assert.equal(row?.status, "sending", "the next leader sends it again and counts it");
    });
  });
}
