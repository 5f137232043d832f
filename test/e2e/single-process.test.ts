import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { AppProcess, appEnv, shippedMigrations, startEmulator } from "../support/app.ts";
import { freshPglite, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";

describe("the embedded database belongs to one process", () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let running: AppProcess;

  before(async () => {
    database = await freshPglite(shippedMigrations);
    emulator = await startEmulator();
    running = new AppProcess(appEnv(emulator.url, database));
    await running.url;
  });
  after(async () => {
    await running.kill();
    await emulator.close();
    await database.drop();
  });

  for (const command of [["start"], ["migrate"], ["backup"]]) {
    test(`botyard ${command.join(" ")} beside a running app exits with a clear message`, async () => {
      const second = new AppProcess(appEnv(emulator.url, database), command);
      second.url.catch(() => undefined);
      const exit = await second.exited;
      assert.equal(exit.code, 1);
      const output = second.output.join("\n");
      assert.match(output, /in use by another Botyard process/);
      assert.doesNotMatch(output, /\n\s+at /, "no stack trace");
    });
  }

  test("the running app is unharmed and stops cleanly on SIGTERM", async () => {
    const user = new TelegramUser(emulator.control, { first_name: "Uma", language_code: "en" });
    user.send("/help");
    await user.replyContaining("What I can do");
    const exit = await running.kill("SIGTERM");
    assert.equal(exit.code, 0);
    assert.ok(running.output.some((line) => line.includes("shutting down")));
  });
});
