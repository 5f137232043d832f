import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Composer } from "grammy";
import type { Message } from "@grammyjs/types";
import type { RunningApp } from "../../src/main.ts";
import { defineCommand } from "../../src/platform/commands/command.ts";
import { defineModule } from "../../src/platform/module.ts";
import type { BotyardContext } from "../../src/platform/telegram/context.ts";
import { enqueueOutbox } from "../../src/platform/telegram/outbox.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds, platformOnly, type TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

/** A module whose one job fails while `shelf.locked`: its last attempt lands in `chores.tidy.dead`. */
const shelf = { locked: true };
const tidyUp = defineCommand("chores.tidy-up", async (scope, _input: Record<string, never>) => {
  await scope.enqueue("chores.tidy", {});
  return { result: true, audit: { objectType: "chore", objectId: "tidy" } };
});
const choresModule = defineModule({
  name: "chores",
  commands: [tidyUp],
  composer: () => {
    const composer = new Composer<BotyardContext>();
    composer.command("tidy", async (ctx) => {
      await ctx.run(tidyUp, {});
      await ctx.reply("tidying queued");
    });
    return composer;
  },
  jobs: {
    "chores.tidy": {
      retryLimit: 0,
      handler: () => () => (shelf.locked ? Promise.reject(new Error("the shelf is locked")) : Promise.resolve()),
    },
  },
});

const textOf = (message: Message) => message.text ?? "";

for (const kind of databaseKinds) {
  describe(`owners are told when the bot is unwell, once, and when it recovers, on ${kind.name}`, { skip: kind.skip, timeout: 180_000 }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let owner: TelegramUser;

    before(async () => {
      database = await kind.fresh(platformOnly);
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), [choresModule]);
      owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Ольга", language_code: "ru" });
      owner.send("/start");
      await owner.reply();
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("Telegram refusing the outbox's calls for a while gives the owner one alert, then one recovery message", async () => {
      const ann = new TelegramUser(emulator.control, { first_name: "Ann", language_code: "en" });
      ann.send("/start");
      await ann.reply();
      const before = (await owner.botMessages()).length;
      emulator.control.faults({ kind: "500", count: 4 });
      await enqueueOutbox(app.database.db, { botId: "main", chatId: ann.id, method: "sendMessage", payload: { chat_id: ann.id, text: "Your visit is tomorrow at 10:00" }, dedupeKey: "test:visit-reminder" });
      const alert = await owner.replyContaining("Telegram раз за разом отклоняет запросы @botyard_test_bot");
      assert.match(textOf(alert), /Internal Server Error/);
      await owner.replyContaining("Telegram снова принимает запросы @botyard_test_bot");
      await ann.replyContaining("Your visit is tomorrow at 10:00");
      const told = (await owner.botMessages()).slice(before).map(textOf);
      assert.equal(told.length, 2, `one alert and one recovery, never a stream: ${JSON.stringify(told)}`);
      const incidents = await app.database.db.selectFrom("health_incident").select(["problem", "opened_at", "recovered_at"]).execute();
      assert.deepEqual(incidents.map((incident) => [incident.problem, incident.opened_at !== null, incident.recovered_at !== null]), [["telegram:main", true, true]]);
      assert.equal((await ann.botMessages()).filter((message) => textOf(message).includes("Your visit")).length, 1);
    });

    test("a job landing in its dead letters alerts the owner once; the queue working again is the recovery", async () => {
      shelf.locked = true;
      const before = (await owner.botMessages()).length;
      owner.send("/tidy");
      const alert = await owner.replyContaining("Задача очереди chores.tidy окончательно не выполнилась");
      assert.match(textOf(alert), /chores\.tidy\.dead.*the shelf is locked/s);
      owner.send("/tidy");
      await owner.replyContaining("tidying queued");
      shelf.locked = false;
      owner.send("/tidy");
      await owner.replyContaining("Задачи очереди chores.tidy снова выполняются");
      const told = (await owner.botMessages()).slice(before).map(textOf).filter((text) => text.includes("chores.tidy"));
      assert.equal(told.length, 2, `the second dead letter of the same incident tells nobody: ${JSON.stringify(told)}`);
      await eventually(async () => (await app.database.db.selectFrom("health_incident").select("id").where("recovered_at", "is", null).execute()).length === 0, "every incident closed");
    });
  });
}
