import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import type { RunningApp } from "../../src/main.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, shippedMigrations, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address !== null ? address.port : 0;
}

const SECRET = "webhook-secret-for-tests-0123456789";

for (const kind of databaseKinds) {
  for (const mode of ["polling", "webhook"] as const) {
    describe(`intake by ${mode} on ${kind.name}`, { skip: kind.skip }, () => {
      let database: TestDatabase;
      let emulator: BotApiEmulator;
      let app: RunningApp;
      let env: Record<string, string>;
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
        env = appEnv(emulator.url, database, extra);
        app = await startAppInProcess(env);
        cleanups.push(() => app.stop("test over"));
      });
      after(async () => {
        for (const cleanup of cleanups.reverse()) await cleanup();
      });

      test("a user's message is answered", async () => {
        const user = new TelegramUser(emulator.control, { first_name: "Ivan", language_code: "en" });
        user.send("/help");
        await user.replyContaining("What I can do");
        assert.equal(emulator.control.stats().conflicts409, 0);
      });

      if (mode === "webhook") {
        test("the webhook is set once, and not again by a restart that finds it unchanged", async () => {
          await app.stop("restart");
          app = await startAppInProcess(env);
          cleanups.push(() => app.stop("test over"));
          const user = new TelegramUser(emulator.control, { first_name: "Jan", language_code: "en" });
          user.send("/help");
          await user.replyContaining("What I can do");
          assert.equal(emulator.control.stats().calls.setWebhook, 1);
          assert.equal(emulator.control.stats().calls.deleteWebhook ?? 0, 0, "shutdown never deletes the webhook");
        });

        test("a request without the secret header is refused and stores nothing", async () => {
          const update = { update_id: 777_000_001, message: { message_id: 1, date: 0, chat: { id: 5, type: "private", first_name: "X" }, text: "hi" } };
          const refused = await fetch(`${app.url}/telegram/main`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong-secret-value-0000" },
            body: JSON.stringify(update),
          });
          assert.equal(refused.status, 401);
          const stored = await app.database.db.selectFrom("inbox").selectAll().where("update_id", "=", update.update_id).execute();
          assert.equal(stored.length, 0);
        });

        test("an update delivered twice is handled once", async () => {
          const user = new TelegramUser(emulator.control, { first_name: "Kim", language_code: "en" });
          const update = {
            update_id: 777_000_002,
            message: { message_id: 1, date: 0, chat: { id: user.id, type: "private", first_name: "Kim" }, from: { id: user.id, is_bot: false, first_name: "Kim", language_code: "en" }, text: "/help", entities: [{ type: "bot_command", offset: 0, length: 5 }] },
          };
          for (let i = 0; i < 2; i++) {
            const response = await fetch(`${app.url}/telegram/main`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
              body: JSON.stringify(update),
            });
            assert.equal(response.status, 200);
          }
          await user.replyContaining("What I can do");
          user.send("/language");
          await user.replyContaining("Choose your language");
          const helps = (await user.botMessages()).filter((message) => (message.text ?? "").includes("What I can do"));
          assert.equal(helps.length, 1);
        });
      }
    });
  }
}
