import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RunningApp } from "../../src/main.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { metricValue } from "../support/metrics.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

const APOLOGY = "Sorry, something went wrong";
const NOTHING_TO_CANCEL = "There is nothing to cancel";

/** A handler's own replies when Telegram says 429, 5xx or 403: retried, handed to the outbox, or the person marked blocked. */
for (const kind of databaseKinds) {
  describe(`a handler's replies meeting Telegram's refusals on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database, { HANDLER_TIMEOUT_MS: "3000" }));
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    const texts = async (user: TelegramUser) => (await user.botMessages()).map((message) => message.text ?? "");
    /** The chat's replies to `/help` sent after everything before it: whatever came first has come. */
    const settled = async (user: TelegramUser) => {
      user.send("/help");
      await user.replyContaining("What I can do");
      return texts(user);
    };

    test("a 429 on a confirmation is waited out within the deadline: the confirmation arrives once, and no apology", async () => {
      const user = new TelegramUser(emulator.control, { first_name: "Tara", language_code: "en" });
      emulator.control.faults({ method: "sendMessage", chat_id: user.id, kind: "429", count: 1, retry_after: 1 });
      // /cancel commits (the flow ended, or nothing to end) and then confirms.
      user.send("/cancel");
      await user.replyContaining(NOTHING_TO_CANCEL);
      const sent = await settled(user);
      assert.equal(sent.filter((text) => text.includes(NOTHING_TO_CANCEL)).length, 1);
      assert.ok(!sent.some((text) => text.includes(APOLOGY)), sent.join("\n"));
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      assert.ok(metricValue(metrics, "botyard_api_429_total") >= 1);
    });

    test("a 5xx on a reply is tried again: the reply arrives once", async () => {
      const user = new TelegramUser(emulator.control, { first_name: "Uma", language_code: "en" });
      emulator.control.faults({ method: "sendMessage", chat_id: user.id, kind: "500", count: 2 });
      user.send("/cancel");
      await user.replyContaining(NOTHING_TO_CANCEL);
      const sent = await settled(user);
      assert.equal(sent.filter((text) => text.includes(NOTHING_TO_CANCEL)).length, 1);
      assert.ok(!sent.some((text) => text.includes(APOLOGY)), sent.join("\n"));
    });

    test("a 429 longer than the deadline hands the reply to the outbox, which sends it once Telegram allows", async () => {
      const user = new TelegramUser(emulator.control, { first_name: "Vera", language_code: "en" });
      emulator.control.faults({ method: "sendMessage", chat_id: user.id, kind: "429", count: 1, retry_after: 4 });
      const asked = Date.now();
      user.send("/cancel");
      await user.replyContaining(NOTHING_TO_CANCEL);
      assert.ok(Date.now() - asked >= 4_000, "not before retry_after");
      const handedOver = () => app.database.db.selectFrom("outbox").select(["status", "method"]).where("chat_id", "=", user.id).where("dedupe_key", "like", "reply:%").execute();
      await eventually(async () => (await handedOver())[0]?.status === "sent", "the outbox to record it sent");
      assert.deepEqual(await handedOver(), [{ status: "sent", method: "sendMessage" }]);
      const sent = await settled(user);
      assert.equal(sent.filter((text) => text.includes(NOTHING_TO_CANCEL)).length, 1);
      assert.ok(!sent.some((text) => text.includes(APOLOGY)), sent.join("\n"));
    });

    test("a reply refused for good after a committed change gets no apology", async () => {
      const user = new TelegramUser(emulator.control, { first_name: "Wim", language_code: "en" });
      emulator.control.faults({ method: "sendMessage", chat_id: user.id, kind: "400", count: 1 });
      user.send("/cancel");
      const sent = await settled(user);
      assert.ok(!sent.some((text) => text.includes(APOLOGY)), sent.join("\n"));
      assert.ok(!sent.some((text) => text.includes(NOTHING_TO_CANCEL)), "the refused reply is not sent");
    });

    test("a handler failing before any change still apologises", async () => {
      const user = new TelegramUser(emulator.control, { first_name: "Xena", language_code: "en" });
      emulator.control.faults({ method: "sendMessage", chat_id: user.id, kind: "400", count: 1 });
      user.send("/help");
      await user.replyContaining(APOLOGY);
    });

    test("a 403 on a reply marks the person blocked, with no apology", async () => {
      const user = new TelegramUser(emulator.control, { first_name: "Yuri", language_code: "en" });
      user.send("/start");
      await user.replyContaining("Hello, Yuri");
      emulator.control.faults({ method: "sendMessage", chat_id: user.id, kind: "403", count: 2 });
      user.send("/help");
      const blockedAt = () =>
        app.database.db
          .selectFrom("bot_member")
          .select("blocked_at")
          .where("telegram_id", "=", user.id)
          .executeTakeFirst()
          .then((row) => row?.blocked_at ?? null);
      await eventually(async () => (await blockedAt()) !== null, "the person to be marked blocked");
      await eventually(async () => (await app.database.db.selectFrom("inbox").select("status").where("chat_key", "=", String(user.id)).where("status", "in", ["pending", "handling"]).execute()).length === 0, "the update to be finished");
      assert.deepEqual(emulator.control.armedFaults(), [{ method: "sendMessage", chat_id: user.id, kind: "403", count: 1 }], "no apology was tried");
      emulator.control.clearFaults();
    });
  });
}
