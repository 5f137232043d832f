import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { AppProcess, OWNER_ID, appEnv, shippedMigrations, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { metricValue } from "../support/metrics.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

/**
 * Kill -9 at each named point of the pipeline (a test-only hook), restart, and check that nothing
 * was lost, no effect applied twice, the flow resumed, and at most the one in-flight message
 * repeated (and counted).
 */
for (const kind of databaseKinds) {
  describe(`crashes on ${kind.name}`, { skip: kind.skip }, () => {
    let emulator: BotApiEmulator;
    let owner: TelegramUser;
    const running: AppProcess[] = [];
    const databases: TestDatabase[] = [];

    before(async () => {
      emulator = await startEmulator();
      owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
    });
    after(async () => {
      await stopAll();
      await emulator.close();
      for (const database of databases) await database.drop();
    });

    const start = async (database: TestDatabase, crashAt?: string) => {
      const env = appEnv(emulator.url, database, crashAt === undefined ? {} : { BOTYARD_TEST_CRASH_AT: crashAt });
      // On PostgreSQL the killed app's chat stays leased until its lease runs out: a short one, so the restart takes it over at once.
      const app = new AppProcess(env, ["start"], { chatLeaseMs: 1000 });
      running.push(app);
      const url = await app.url;
      return { app, url };
    };
    const killedAt = async (app: AppProcess) => {
      const exit = await app.exited;
      assert.equal(exit.signal, "SIGKILL", `the app died at its crash point:\n${app.output.slice(-5).join("\n")}`);
    };
    // One bot, one emulator: stop every app of a test before the next one polls.
    const stopAll = async () => {
      for (const app of running.splice(0)) await app.kill("SIGTERM");
    };
    afterEach(async (t) => {
      if (process.env.DEBUG_CRASH_TESTS !== undefined) for (const app of running) console.log(t.name, app.output.join("\n"));
      await stopAll();
      if (process.env.DEBUG_CRASH_TESTS !== undefined && databases.at(-1) !== undefined) {
        const { openDatabase } = await import("../../src/platform/db/database.ts");
        const db = await openDatabase(databases.at(-1)!.settings);
        console.log(JSON.stringify(await db.db.selectFrom("inbox").select(["update_id", "status", "attempts", "journal", "error"]).execute()));
        await db.close();
      }
    });
    const fresh = async () => {
      const database = await kind.fresh(shippedMigrations);
      databases.push(database);
      return database;
    };

    test("killed after storing an update but before acknowledging it, the update is handled once after restart", async () => {
      const database = await fresh();
      const { app } = await start(database, "inbox-before-ack");
      const user = new TelegramUser(emulator.control, { first_name: "Pia", language_code: "en" });
      user.send("/help");
      await killedAt(app);
      await start(database);
      await user.replyContaining("What I can do");
      user.send("/language");
      await user.replyContaining("Choose your language");
      const helps = (await user.botMessages()).filter((message) => (message.text ?? "").includes("What I can do"));
      assert.equal(helps.length, 1);
    });

    test("killed after a handler committed but before its update was marked done, the flow resumes without repeating", async () => {
      const database = await fresh();
      // The first update this process handles is /feedback, the second the message written.
      const { app } = await start(database, "handler-before-done:2");
      const user = new TelegramUser(emulator.control, { first_name: "Quinn", language_code: "en" });
      user.send("/feedback");
      await user.replyContaining("Write your message");
      user.send("The door is stuck");
      await killedAt(app);
      const { url } = await start(database);
      const preview = await user.replyContaining("Send it?");
      user.pressButton(preview, "Send");
      await user.replyContaining("Thank you");
      await owner.replyContaining("The door is stuck");
      const previews = (await user.botMessages()).filter((message) => (message.text ?? "").includes("Send it?"));
      assert.equal(previews.length, 1, "the replayed handler did not send its reply again");
      const metrics = await (await fetch(`${url}/metrics`)).text();
      assert.equal(metricValue(metrics, "botyard_updates_resumed_total"), 1);
    });

    test("killed after Telegram accepted an outbox message but before it was marked sent, it is sent again once and counted", async () => {
      const database = await fresh();
      // A first run sets the owner's command menu, so the crash run's first outbox send is the notice.
      const menusBefore = emulator.control.stats().calls.setMyCommands ?? 0;
      const first = await start(database);
      // Three public menus (en, ru, default) and the owner's own, sent through the outbox.
      await eventually(() => (emulator.control.stats().calls.setMyCommands ?? 0) >= menusBefore + 4, "command menus");
      await first.app.kill("SIGTERM");
      const { app } = await start(database, "after-telegram-200");
      const user = new TelegramUser(emulator.control, { first_name: "Rita", language_code: "en" });
      user.send("/feedback");
      await user.replyContaining("Write your message");
      user.send("The fridge hums");
      user.pressButton(await user.replyContaining("Send it?"), "Send");
      await killedAt(app);
      const { url } = await start(database);
      await eventually(async () => {
        const metrics = await (await fetch(`${url}/metrics`)).text();
        return metricValue(metrics, "botyard_messages_possibly_repeated_total", { source: "outbox" }) === 1;
      }, "the repeat to be counted");
      // The repeat is counted when the row is taken again, before the call: wait for the copy itself.
      const notices = async () => (await owner.botMessages()).filter((message) => (message.text ?? "").includes("The fridge hums"));
      await eventually(async () => (await notices()).length >= 2, "the notice sent again");
      assert.equal((await notices()).length, 2, "sent once before the crash and once after it: the one in-flight message");
    });

    test("killed after Telegram answered a handler's reply but before the journal recorded it, the reply is sent again once and counted", async () => {
      const database = await fresh();
      const { app } = await start(database, "reply-after-telegram-200");
      const user = new TelegramUser(emulator.control, { first_name: "Sami", language_code: "en" });
      user.send("/help");
      await killedAt(app);
      const { url } = await start(database);
      await eventually(async () => {
        const metrics = await (await fetch(`${url}/metrics`)).text();
        return metricValue(metrics, "botyard_messages_possibly_repeated_total", { source: "reply" }) === 1;
      }, "the repeat to be counted");
      // The repeat is counted as the replay starts, before its call: wait for the copy itself.
      const helps = async () => (await user.botMessages()).filter((message) => (message.text ?? "").includes("What I can do"));
      await eventually(async () => (await helps()).length >= 2, "the reply sent again");
      assert.equal((await helps()).length, 2, "sent once before the crash and once after it: the one in-flight reply");
      user.send("/language");
      await user.replyContaining("Choose your language");
      const metrics = await (await fetch(`${url}/metrics`)).text();
      assert.equal(metricValue(metrics, "botyard_messages_possibly_repeated_total", { source: "reply" }), 1, "nothing else repeated");
    });
  });
}
