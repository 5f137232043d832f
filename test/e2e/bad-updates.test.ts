/**
 * Updates Telegram can deliver but a database or a handler would choke on, through the emulator
 * and the real app, by polling and by webhook: none of them stops intake for anyone else.
 */
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { RunningApp } from "../../src/main.ts";
import { readPayload } from "../../src/platform/telegram/inbox.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../support/app.ts";
import { capturedLog } from "../support/captured-log.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address !== null ? address.port : 0;
}

const SECRET = "webhook-secret-for-tests-0123456789";

/** Malformed updates the emulator can deliver, each as a user (id) would have sent it. */
function malformedUpdates(userId: number): Record<string, Record<string, unknown>> {
  const from = { id: userId, is_bot: false, first_name: "Mallory", language_code: "en" };
  const message = (chat: unknown) => ({ message_id: 1, date: 1_700_000_000, from, chat, text: "/start" });
  const { chat: _chat, ...withoutChat } = message({ id: userId, type: "private" });
  return {
    "a message without a chat": { message: withoutChat },
    "a null chat": { message: message(null) },
    "a string where a message should be": { message: "/start" },
    "a non-numeric chat id": { message: message({ id: "me", type: "private" }) },
    "a fractional chat id": { message: message({ id: userId + 0.5, type: "private" }) },
    "an oversized chat id": { message: message({ id: 1e30, type: "private" }) },
    "a button press without its sender": { callback_query: { id: "1", chat_instance: "1", data: "x", message: { message_id: 1, date: 0, chat: { id: userId, type: "private" } } } },
  };
}

for (const kind of databaseKinds) {
  for (const mode of ["polling", "webhook"] as const) {
    describe(`bad updates by ${mode} on ${kind.name}`, { skip: kind.skip }, () => {
      let database: TestDatabase;
      let emulator: BotApiEmulator;
      let app: RunningApp;
      const log = capturedLog();
      const cleanups: (() => Promise<unknown>)[] = [];

      before(async () => {
        database = await kind.fresh(shippedMigrations);
        cleanups.push(() => database.drop());
        emulator = await startEmulator();
        cleanups.push(() => emulator.close());
        const extra: Record<string, string> = {};
        if (mode === "webhook") {
          const port = await freePort();
          Object.assign(extra, { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, WEBHOOK_SECRET: SECRET });
        }
        app = await startAppInProcess(appEnv(emulator.url, database, extra), undefined, { logger: log.logger });
        cleanups.push(() => app.stop("test over"));
      });
      after(async () => {
        for (const cleanup of cleanups.reverse()) await cleanup();
      });

      const rowOf = (updateId: number) => app.database.db.selectFrom("inbox").selectAll().where("update_id", "=", updateId).executeTakeFirst();

      test("a text with U+0000 or a lone surrogate reaches its handler as sent, and the next user is answered", async () => {
        const texts = ["hello\u0000world", "lone \ud800 high", "lone \udc00 low"];
        const updateIds = texts.map((text) => new TelegramUser(emulator.control, { first_name: "Nul", language_code: "en" }).send(text));
        const next = new TelegramUser(emulator.control, { first_name: "Next", language_code: "en" });
        next.send("/start");
        await next.reply();
        for (const [index, updateId] of updateIds.entries()) {
          const row = await eventually(async () => {
            const found = await rowOf(updateId);
            return found !== undefined && found.status !== "pending" && found.status !== "handling" && found;
          }, `update ${updateId} handled`);
          assert.equal(readPayload(row).message?.text, texts[index]);
          assert.ok(row.attempts >= 1, "handed to the handler");
        }
      });

      test("each malformed update is quarantined with a log line, and the next user is answered", async () => {
        const mallory = new TelegramUser(emulator.control, { first_name: "Mallory", language_code: "en" });
        const injected = Object.entries(malformedUpdates(mallory.id)).map(([what, update]) => ({ what, updateId: emulator.control.inject({ update }).update_id }));
        const next = new TelegramUser(emulator.control, { first_name: "Next", language_code: "en" });
        next.send("/start");
        await next.reply();
        for (const { what, updateId } of injected) {
          const row = await eventually(() => rowOf(updateId), `${what} stored`);
          assert.equal(row.status, "failed", what);
          assert.equal(row.attempts, 0, `${what}: never handled`);
          assert.match(row.error ?? "", /^malformed update: /, what);
          assert.ok(log.lines.some((line) => line.msg === "malformed update quarantined" && line.update_id === updateId), `${what}: logged`);
        }
        const answers = (await mallory.entries()).filter((entry) => entry.direction !== "from_user");
        assert.deepEqual(answers, [], "nothing is sent to the chat a malformed update names");
        assert.ok(!log.lines.some((line) => line.msg === "chat worker failed"));
      });

      test("a malformed update already in the inbox (stored by an older version) is finished unhandled, and its chat goes on", async () => {
        const user = new TelegramUser(emulator.control, { first_name: "Old", language_code: "en" });
        const { message } = malformedUpdates(user.id)["a null chat"] as { message: Record<string, unknown> };
        // Below the emulator's ids: it comes before the /start below in the chat's order.
        const updateId = 9_000_001;
        await app.database.db.insertInto("inbox").values({ bot_id: "main", update_id: updateId, chat_key: String(user.id), payload: JSON.stringify({ update_id: updateId, message }) }).execute();
        user.send("/start");
        await user.reply();
        const row = await rowOf(updateId);
        assert.equal(row?.status, "failed");
        assert.equal(row?.attempts, 0, "never handed to a handler");
        assert.match(row?.error ?? "", /^malformed update: message.chat/);
      });

      test("/readyz says not ready while the inbox refuses writes, and the update waiting then is answered once it takes them", async () => {
        const readiness = async () => {
          const response = await fetch(`${app.url}/readyz`);
          return { status: response.status, body: (await response.json()) as { checks: Record<string, boolean> } };
        };
        assert.equal((await readiness()).status, 200);
        await sql`
          create function inbox_disk_full() returns trigger language plpgsql as $$
          begin raise exception 'could not extend file' using errcode = '53100'; end $$`.execute(app.database.db);
        await sql`create trigger inbox_disk_full before insert on inbox for each row execute function inbox_disk_full()`.execute(app.database.db);
        const waiting = new TelegramUser(emulator.control, { first_name: "Wait", language_code: "en" });
        try {
          waiting.send("/start");
          const stuck = await eventually(async () => {
            const now = await readiness();
            return now.status === 503 && now;
          }, "/readyz to say not ready");
          assert.equal(stuck.body.checks.intake, false);
          const said = mode === "polling" ? "received updates could not be written to the inbox" : "request failed";
          await eventually(() => log.lines.some((line) => line.msg === said), `the log to say: ${said}`);
        } finally {
          await sql`drop trigger inbox_disk_full on inbox`.execute(app.database.db);
          await sql`drop function inbox_disk_full()`.execute(app.database.db);
        }
        await waiting.reply();
        await eventually(async () => (await readiness()).status === 200, "/readyz to say ready again");
      });

      if (mode === "webhook") {
        const post = (body: string) =>
          fetch(`${app.url}/telegram/main`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body });

        test("a body that is no update is a clear 400, a malformed update a 200 once quarantined, a NUL text a 200 once stored", async () => {
          const deep = await post(`{"update_id":900000001,"message":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`);
          assert.equal(deep.status, 400);
          assert.match(((await deep.json()) as { error: string }).error, /nested deeper/);
          for (const body of ["[]", '"update"', "null", '{"update_id":"1"}', '{"update_id":1.5}', "{not json"]) {
            const response = await post(body);
            assert.equal(response.status, 400, body);
            assert.doesNotMatch(await response.text(), /"code"|stack|at /, body);
          }
          const user = new TelegramUser(emulator.control, { first_name: "Direct", language_code: "en" });
          for (const [index, [what, update]] of Object.entries(malformedUpdates(user.id)).entries()) {
            const updateId = 900_000_100 + index;
            const response = await post(JSON.stringify({ update_id: updateId, ...update }));
            assert.equal(response.status, 200, what);
            assert.equal((await rowOf(updateId))?.status, "failed", what);
          }
          const nul = { update_id: 900_000_200, message: { message_id: 1, date: 1_700_000_000, chat: { id: user.id, type: "private", first_name: "Direct" }, from: { id: user.id, is_bot: false, first_name: "Direct", language_code: "en" }, text: "hello\u0000world" } };
          const stored = await post(JSON.stringify(nul));
          assert.equal(stored.status, 200);
          assert.deepEqual(readPayload((await rowOf(nul.update_id))!), nul);
        });
      }
    });
  }
}
