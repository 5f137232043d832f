/**
 * Texts and settings edited in the panel, end to end: through the HTTP API of the real app,
 * seen in the bot's answers in the emulator, on every replica, and across a restart.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { migrationsOf, type RunningApp } from "../../src/main.ts";
import { feedbackModule } from "../../src/modules/feedback/module.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds, freshPostgres, type TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { signIn } from "../support/signed-in-client.ts";

const NEW_HELP = "<b>How we can help</b>\n/start – our services\n/cancel – stop";

for (const kind of databaseKinds) {
  describe(`texts and settings edited in the panel, on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;

    before(async () => {
      database = await kind.fresh(migrationsOf([feedbackModule]));
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), [feedbackModule]);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("an admin edits a text and the bot uses it from the next message; a reset brings the default back", async () => {
      const owner = await signIn(app, OWNER_ID);
      const user = new TelegramUser(emulator.control, { first_name: "Mia", language_code: "en" });
      user.send("/help");
      assert.match((await user.reply()).text ?? "", /^What I can do/);

      assert.equal((await owner.send("PUT", "/api/texts/en/help", { text: NEW_HELP })).status, 200);
      user.send("/help");
      const edited = await user.reply();
      assert.equal(edited.text, "How we can help\n/start – our services\n/cancel – stop");
      assert.deepEqual(edited.entities?.[0], { type: "bold", offset: 0, length: 15 }, "its HTML is Telegram's formatting");

      assert.equal((await owner.send("DELETE", "/api/texts/en/help")).status, 200);
      user.send("/help");
      assert.match((await user.reply()).text ?? "", /^What I can do/);
    });

    test("disabling a module removes its menu entry and its command; enabling it brings both back", async () => {
      const owner = await signIn(app, OWNER_ID);
      const settings = { timeZone: "Europe/Berlin", languages: ["en", "ru"], staffMayApply: true };
      const user = new TelegramUser(emulator.control, { first_name: "Noah", language_code: "en" });

      assert.equal((await owner.send("PUT", "/api/settings", { ...settings, modules: [] })).status, 200);
      user.send("/start");
      const home = await user.reply();
      assert.match(home.text ?? "", /There is nothing here for you yet/);
      assert.equal(home.reply_markup, undefined);
      user.send("/feedback");
      assert.equal((await user.reply()).text, "I did not understand that. /help lists what I can do.");

      assert.equal((await owner.send("PUT", "/api/settings", { ...settings, modules: ["feedback"] })).status, 200);
      user.send("/start");
      const back = await user.reply();
      assert.ok(back.reply_markup?.inline_keyboard.flat().some((button) => button.text.includes("Write to us")));
      user.send("/feedback");
      await user.replyContaining("Write your message");
      user.send("/cancel");
      await user.replyContaining("Cancelled");
    });

    test("settings and texts edited in the panel outlive a restart: the config no longer overrides them", async () => {
      const owner = await signIn(app, OWNER_ID);
      assert.equal((await owner.send("PUT", "/api/settings", { timeZone: "Asia/Tashkent", languages: ["ru"], modules: ["feedback"], staffMayApply: false })).status, 200);
      assert.equal((await owner.send("PUT", "/api/texts/ru/help", { text: "Помогу с записью" })).status, 200);
      await app.stop("restart");
      app = await startAppInProcess(appEnv(emulator.url, database), [feedbackModule]);

      const again = await signIn(app, OWNER_ID);
      const page = await again.get<{ settings: unknown }>("/api/settings");
      assert.deepEqual(page.body.settings, { timeZone: "Asia/Tashkent", languages: ["ru"], modules: ["feedback"], staffMayApply: false, noteMarker: "#note", anonymousStaff: false });
      const user = new TelegramUser(emulator.control, { first_name: "Ola", language_code: "en" });
      user.send("/help");
      assert.equal((await user.reply()).text, "Помогу с записью");
    });
  });
}

describe("a text edited through one replica", { skip: process.env.TEST_DATABASE_URL === undefined ? "TEST_DATABASE_URL is not set" : false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  const apps: RunningApp[] = [];

  before(async () => {
    database = await freshPostgres(migrationsOf([feedbackModule]));
    emulator = await startEmulator();
  });
  after(async () => {
    for (const app of apps) await app.stop("test over");
    await emulator.close();
    await database.drop();
  });

  test("is what the other replica answers with, without a restart", async () => {
    const env = appEnv(emulator.url, database);
    const first = await startAppInProcess(env, [feedbackModule]);
    apps.push(first);
    const second = await startAppInProcess(env, [feedbackModule]);
    apps.push(second);
    const user = new TelegramUser(emulator.control, { first_name: "Pat", language_code: "en" });
    user.send("/help");
    assert.match((await user.reply()).text ?? "", /^What I can do/, "the catalogue's text before the edit");

    const owner = await signIn(first, OWNER_ID);
    assert.equal((await owner.send("PUT", "/api/texts/en/help", { text: "Edited on the first replica" })).status, 200);
    // Only the second replica is left to take the updates (it takes over intake if the first led).
    await first.stop("the replica that saved the text goes away");
    apps.splice(apps.indexOf(first), 1);
    await eventually(async () => {
      user.send("/help");
      return (await user.reply()).text === "Edited on the first replica";
    }, "the second replica to answer with the edited text");
  });
});
