import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import type { Kysely, Transaction } from "kysely";
import type { Tables } from "../../src/modules/booking/repo.ts";
import { bookAppointment } from "../../src/modules/booking/service.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import { migrateToLatest } from "../../src/platform/db/migrate.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, startEmulator } from "../support/app.ts";
import { databaseKinds, tempDir, type TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { timedMigrations } from "../modules/booking/timed-support.ts";
import { BOT, NOW, berlin, openTestSalon } from "./booking-timed-app.ts";
import { runIn } from "../modules/booking/commands-support.ts";

const script = join(import.meta.dirname, "booking-timed-app.ts");

/** The booking app as a child process; resolves its exit. */
function startChild(env: Record<string, string>) {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      output.push(line);
      if (line.includes('"ready"')) resolve();
    });
    createInterface({ input: child.stderr }).on("line", (line) => output.push(line));
    void exited.then(({ code, signal }) => reject(new Error(`the app exited (${code ?? signal}) before it was ready:\n${output.join("\n")}`)));
  });
  return { child, exited, ready, output };
}

for (const kind of databaseKinds) {
  describe(`booking reminders across a crash on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;

    before(async () => {
      database = await kind.fresh();
      emulator = await startEmulator();
    });
    after(async () => {
      await emulator.close();
      await database.drop();
    });

    test("killed at the tick's crash point while a reminder is claimed, the app sends each reminder once after the restart", async () => {
      const ida = new TelegramUser(emulator.control, { first_name: "Ida", language_code: "en" });
      const botTelegramId = emulator.control.state().bots[0]?.id ?? 0;
      const prepared = await openDatabase(database.settings);
      await migrateToLatest(prepared.db, timedMigrations);
      const db = prepared.db as unknown as Kysely<Tables>;
      const salon = await openTestSalon(db, botTelegramId);
      const visit = await prepared.transaction((trx) =>
        runIn(trx as unknown as Transaction<Tables>, { botId: BOT, personId: ida.id, source: "bot" }, bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "10:00"), now: NOW, name: "Ida" }),
      );
      assert.ok(visit.ok);
      await prepared.close();

      // Both reminders (25 h and 2 h before) are due.
      const clockFile = join(tempDir("botyard-clock-"), "now");
      writeFileSync(clockFile, berlin(4, "09:00").toISOString());
      const env = appEnv(emulator.url, database, { BOOKING_TEST_CLOCK_FILE: clockFile });

      const crashing = startChild({ ...env, BOTYARD_TEST_CRASH_AT: "event-tick-before-commit" });
      const crashed = await crashing.exited;
      assert.equal(crashed.signal, "SIGKILL", crashing.output.join("\n"));
      const reminders = async () => (await ida.botMessages()).filter((message) => (message.text ?? "").startsWith("Reminder"));
      assert.equal((await reminders()).length, 0, "nothing was sent for the event rolled back by the crash");

      const restarted = startChild(env);
      await restarted.ready;
      await eventually(async () => (await reminders()).length === 2, "both reminders after the restart");
      restarted.child.kill("SIGTERM");
      await restarted.exited;

      const reopened = await openDatabase(database.settings);
      try {
        const events = await reopened.db.selectFrom("scheduled_event").select(["dedupe_key", "done_at"]).where("kind", "=", "booking.reminder").orderBy("due_at").execute();
        assert.deepEqual(
          events.map((event) => [event.dedupe_key, event.done_at !== null]),
          [
            [`booking:${visit.booking.id}:reminder:1500:0`, true],
            [`booking:${visit.booking.id}:reminder:120:0`, true],
          ],
        );
        const outbox = await reopened.db.selectFrom("outbox").select("dedupe_key").where("chat_id", "=", ida.id).execute();
        assert.equal(outbox.length, 2);
      } finally {
        await reopened.close();
      }
      assert.deepEqual(
        (await reminders()).map((message) => /in (\d+) hours/.exec(message.text ?? "")?.[1]),
        ["25", "2"],
      );
    });
  });
}
