import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { migrationsOf, type RunningApp } from "../../src/main.ts";
import { feedbackModule } from "../../src/modules/feedback/module.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { faultyModule } from "../support/faulty-module.ts";
import { metricValue } from "../support/metrics.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

for (const kind of databaseKinds) {
  describe(`the update pipeline on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    const cleanups: (() => Promise<unknown>)[] = [];
    let releaseHang: () => void = () => undefined;
    const hang = { release: new Promise<void>((resolve) => (releaseHang = resolve)) };
    let owner: TelegramUser;

    before(async () => {
      database = await kind.fresh(migrationsOf([feedbackModule, faultyModule(hang)]));
      cleanups.push(() => database.drop());
      emulator = await startEmulator();
      cleanups.push(() => emulator.close());
      owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
      app = await startAppInProcess(
        appEnv(emulator.url, database, { HANDLER_TIMEOUT_MS: "1500", USER_RATE_LIMIT: "8/60s" }),
        [feedbackModule, faultyModule(hang)],
      );
      cleanups.push(() => app.stop("test over"));
    });
    after(async () => {
      releaseHang();
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    test("/start shows the home menu in the user's language", async () => {
      const anna = new TelegramUser(emulator.control, { first_name: "Anna", language_code: "ru" });
      anna.send("/start");
      const menu = await anna.reply();
      assert.match(menu.text ?? "", /Здравствуйте, Anna/);
      assert.ok(menu.reply_markup?.inline_keyboard.flat().some((button) => button.text.includes("Написать нам")));
    });

    test("a message written to the team reaches every owner once, after a preview", async () => {
      const bob = new TelegramUser(emulator.control, { first_name: "Bob", language_code: "en" });
      bob.send("/start");
      const menu = await bob.reply();
      bob.pressButton(menu, "Write to us");
      const ask = await bob.replyContaining("Write your message");
      bob.send("The <b>coffee</b> machine is broken");
      const preview = await bob.replyContaining("Send it?");
      assert.match(preview.text ?? "", /The <b>coffee<\/b> machine is broken/, "people's markup is shown as text");
      bob.pressButton(preview, "Send");
      await bob.replyContaining("Thank you");
      const notice = await owner.replyContaining("New message");
      assert.match(notice.text ?? "", /Bob/);
      assert.match(notice.text ?? "", /coffee/);

      // The cancel button of the finished flow is stale now.
      bob.pressButton(ask, "Cancel");
      assert.equal(await bob.callbackAnswer(), "This button has expired.");
      const rows = await app.database.db.selectFrom("outbox").selectAll().where("dedupe_key", "like", "feedback:%").execute();
      assert.equal(rows.length, 1);

      // The owner's Seen tells Bob, and the button leaves the owner's copy.
      owner.pressButton(notice, "✓ Seen");
      assert.equal(await owner.callbackAnswer(), "Marked seen; the author has been told.");
      await bob.replyContaining("Our team has read your message");
      // Bob's notice and the owner's edit go to two chats: neither waits for the other.
      await owner.next((entry) => entry.direction === "edit");
      assert.throws(() => owner.pressButton(notice, "✓ Seen"), /no button/);
    });

    const sendFeedback = async (name: string, text: string) => {
      const author = new TelegramUser(emulator.control, { first_name: name, language_code: "en" });
      author.send("/feedback");
      await author.replyContaining("Write your message");
      author.send(text);
      author.pressButton(await author.replyContaining("Send it?"), "Send");
      await author.replyContaining("Thank you");
    };

    test("a 429 from Telegram delays a notification, which then arrives once", async () => {
      emulator.control.faults({ method: "sendMessage", chat_id: OWNER_ID, kind: "429", count: 1, retry_after: 1 });
      await sendFeedback("Lena", "Please call me back");
      await owner.replyContaining("Please call me back");
      const notices = (await owner.botMessages()).filter((message) => (message.text ?? "").includes("Please call me back"));
      assert.equal(notices.length, 1);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      assert.ok(metricValue(metrics, "botyard_api_429_total") >= 1);
    });

    test("a 403 marks the staff member blocked and skips them until they come back", async () => {
      owner.send("/start");
      await owner.replyContaining("Hello, Olga");
      emulator.control.faults({ method: "sendMessage", chat_id: OWNER_ID, kind: "403", count: 1 });
      await sendFeedback("Mark", "First note");
      const ownerBlocked = () =>
        app.database.db
          .selectFrom("bot_member")
          .select("blocked_at")
          .where("telegram_id", "=", OWNER_ID)
          .executeTakeFirst()
          .then((row) => row?.blocked_at ?? null);
      await eventually(async () => (await ownerBlocked()) !== null, "the owner to be marked blocked");
      const row = await app.database.db.selectFrom("outbox").select("status").where("dedupe_key", "like", `feedback:%:to:${OWNER_ID}`).orderBy("id", "desc").executeTakeFirstOrThrow();
      assert.equal(row.status, "blocked");
      // Coming back (unblocking the bot) brings my_chat_member, and notices flow again.
      owner.block(true);
      owner.block(false);
      await eventually(async () => (await ownerBlocked()) === null, "the owner to be unblocked");
      await sendFeedback("Mark", "Second note");
      await owner.replyContaining("Second note");
      const firsts = (await owner.botMessages()).filter((message) => (message.text ?? "").includes("First note"));
      assert.equal(firsts.length, 0);
    });

    test("/cancel leaves a flow and its buttons expire", async () => {
      const carl = new TelegramUser(emulator.control, { first_name: "Carl" });
      carl.send("/feedback");
      const ask = await carl.replyContaining("Write your message");
      carl.send("/cancel");
      await carl.replyContaining("Cancelled");
      carl.pressButton(ask, "Cancel");
      assert.equal(await carl.callbackAnswer(), "This button has expired.");
      carl.send("/cancel");
      await carl.replyContaining("nothing to cancel");
    });

    test("/language switches the language for good", async () => {
      const dina = new TelegramUser(emulator.control, { first_name: "Dina", language_code: "en" });
      dina.send("/language");
      const choice = await dina.replyContaining("Choose your language");
      dina.pressButton(choice, "Русский");
      await dina.next((entry) => entry.direction === "edit" && (entry.message?.text ?? "").includes("по-русски"));
      dina.send("/help");
      await dina.replyContaining("Что я умею");
    });

    test("a throwing handler gets an apology and the chat goes on", async () => {
      const eve = new TelegramUser(emulator.control, { first_name: "Eve", language_code: "en" });
      eve.send("/throw");
      await eve.replyContaining("Sorry, something went wrong");
      eve.send("/help");
      await eve.replyContaining("What I can do");
    });

    test("a hanging handler is abandoned at its deadline and its late write is refused", async () => {
      const fred = new TelegramUser(emulator.control, { first_name: "Fred", language_code: "en" });
      const hangId = fred.send("/hang");
      await fred.replyContaining("Sorry, something went wrong");
      fred.send("/help");
      await fred.replyContaining("What I can do");
      const metricsBefore = await (await fetch(`${app.url}/metrics`)).text();
      releaseHang();
      await eventually(async () => {
        const text = await (await fetch(`${app.url}/metrics`)).text();
        return metricValue(text, "botyard_fenced_writes_total") > metricValue(metricsBefore, "botyard_fenced_writes_total");
      }, "the late write to be refused");
      const written = await sql<{ n: number }>`select count(*)::int as n from late_write where update_id = ${hangId}`.execute(app.database.db);
      assert.equal(written.rows[0]?.n, 0);
      const messages = await fred.botMessages();
      assert.ok(!messages.some((message) => message.text === "late reply"));
    });

    test("a flood from one user gets one polite warning and is dropped", async () => {
      const gus = new TelegramUser(emulator.control, { first_name: "Gus", language_code: "en" });
      for (let i = 0; i < 20; i++) gus.send(`spam ${i}`);
      await gus.replyContaining("too fast");
      gus.send("/help");
      // Dropped updates are finished too, so the inbox empties.
      await eventually(async () => {
        const open = await app.database.db
          .selectFrom("inbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("chat_key", "=", String(gus.id))
          .where("status", "in", ["pending", "handling"])
          .executeTakeFirstOrThrow();
        return Number(open.n) === 0;
      }, "the flood to be drained");
      const messages = await gus.botMessages();
      assert.equal(messages.filter((message) => (message.text ?? "").includes("too fast")).length, 1);
      assert.equal(messages.filter((message) => (message.text ?? "").includes("did not understand")).length, 8);
    });

    test("blocking the bot marks the user and unblocking clears it", async () => {
      const hal = new TelegramUser(emulator.control, { first_name: "Hal" });
      hal.send("/start");
      await hal.reply();
      const blockedAt = () =>
        app.database.db
          .selectFrom("bot_member")
          .select("blocked_at")
          .where("telegram_id", "=", hal.id)
          .executeTakeFirstOrThrow()
          .then((row) => row.blocked_at);
      hal.block(true);
      await eventually(async () => (await blockedAt()) !== null, "the block to be recorded");
      hal.block(false);
      await eventually(async () => (await blockedAt()) === null, "the unblock to be recorded");
    });

    test("/metrics shows the counters of what happened", async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      assert.ok(metricValue(text, "botyard_updates_total", { outcome: "done" }) > 10);
      assert.ok(metricValue(text, "botyard_updates_total", { outcome: "failed" }) >= 1);
      assert.ok(metricValue(text, "botyard_updates_total", { outcome: "timeout" }) >= 1);
      assert.ok(metricValue(text, "botyard_api_calls_total", { method: "sendMessage" }) > 5);
      assert.ok(metricValue(text, "botyard_incoming_rate_limited_total") >= 11);
      assert.ok(metricValue(text, "botyard_updates_received_total", { intake: "polling" }) > 10);
    });

    test("owners get a command menu of their own chat; everyone else the public one", async () => {
      await eventually(() => {
        const { scopes } = emulator.control.commands();
        return scopes.some((entry) => entry.scope.type === "chat" && entry.scope.chat_id === OWNER_ID);
      }, "the owner's menu");
      const { scopes } = emulator.control.commands();
      const publicMenus = scopes.filter((entry) => entry.scope.type === "default").map((entry) => entry.language_code).sort();
      assert.deepEqual(publicMenus, ["", "en", "ru"]);
    });

    test("/healthz and /readyz answer", async () => {
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
      const ready = await fetch(`${app.url}/readyz`);
      assert.equal(ready.status, 200);
      const body = (await ready.json()) as { checks: Record<string, boolean>; telegram: { leader: boolean } };
      assert.equal(body.checks.database, true);
      assert.equal(body.telegram.leader, true);
    });
  });
}
