import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import type { Kysely, Transaction } from "kysely";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { bookAppointment } from "../../src/modules/booking/commands/book-appointment.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { appEnv, startEmulator } from "../support/app.ts";
import { databaseKinds, tempDir, type TestDatabase } from "../support/databases.ts";
import { metricValue } from "../support/metrics.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { timedMigrations } from "../modules/booking/timed-support.ts";
import { BOT, NOW, berlin, openTestSalon } from "./booking-timed-app.ts";
import { runIn } from "../modules/booking/commands-support.ts";

const script = join(import.meta.dirname, "booking-timed-app.ts");

/** The booking app as a child process; resolves its exit. */
function startChild(env: Record<string, string>) {
  // The test run's compile cache is shared, as AppProcess shares it.
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      output.push(line);
      if (line.includes('"ready"')) resolve((JSON.parse(line) as { ready: string }).ready);
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
      emulator = await startEmulator();
    });
    after(async () => {
      await emulator.close();
    });

    /** A fresh database with the test salon and the client's haircut on Wednesday at 10:00; both its reminders due on the clock file's time. */
    const haircutWithRemindersDue = async (client: TelegramUser) => {
      database = await kind.fresh(timedMigrations);
      const botTelegramId = emulator.control.state().bots[0]?.id ?? 0;
      const prepared = await openDatabase(database.settings);
      const db = prepared.db as unknown as Kysely<Tables>;
      const salon = await openTestSalon(db, botTelegramId);
      const visit = await prepared.transaction((trx) =>
        runIn(trx as unknown as Transaction<Tables>, { botId: BOT, personId: client.id, source: "bot" }, bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "10:00"), now: NOW, name: "Client" }),
      );
      assert.ok(visit.ok);
      await prepared.close();
      // Both reminders (25 h and 2 h before) are due.
      const clockFile = join(tempDir("botyard-clock-"), "now");
      writeFileSync(clockFile, berlin(4, "09:00").toISOString());
      return { bookingId: visit.booking.id, env: appEnv(emulator.url, database, { BOOKING_TEST_CLOCK_FILE: clockFile }) };
    };
    const remindersTo = async (client: TelegramUser) => (await client.botMessages()).filter((message) => (message.text ?? "").startsWith("Reminder"));
    const hoursAhead = (messages: { text?: string }[]) => messages.map((message) => /in (\d+) hours/.exec(message.text ?? "")?.[1]);

    test("killed at the tick's crash point while a reminder is claimed, the app sends each reminder once after the restart", async () => {
      const ida = new TelegramUser(emulator.control, { first_name: "Ida", language_code: "en" });
      const { bookingId, env } = await haircutWithRemindersDue(ida);

      const crashing = startChild({ ...env, BOTYARD_TEST_CRASH_AT: "event-tick-before-commit" });
      const crashed = await crashing.exited;
      assert.equal(crashed.signal, "SIGKILL", crashing.output.join("\n"));
      const reminders = () => remindersTo(ida);
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
            [`booking:${bookingId}:reminder:1500:0`, true],
            [`booking:${bookingId}:reminder:120:0`, true],
          ],
        );
        const outbox = await reopened.db.selectFrom("outbox").select("dedupe_key").where("chat_id", "=", ida.id).execute();
        assert.equal(outbox.length, 2);
      } finally {
        await reopened.close();
        await database.drop();
      }
      assert.deepEqual(hoursAhead(await reminders()), ["25", "2"]);
    });

    test("killed after Telegram took a reminder and before it was marked sent, the app loses none: only that one goes again, counted as possibly repeated", async () => {
      const jo = new TelegramUser(emulator.control, { first_name: "Jo", language_code: "en" });
      const { env: withOwner } = await haircutWithRemindersDue(jo);
      // Without an owner no staff command menu is queued: the only message in flight at the kill is a reminder.
      const env = Object.fromEntries(Object.entries(withOwner).filter(([name]) => name !== "OWNER_TELEGRAM_IDS"));
      const reminders = () => remindersTo(jo);

      const crashing = startChild({ ...env, BOTYARD_TEST_CRASH_AT: "after-telegram-200" });
      const crashed = await crashing.exited;
      assert.equal(crashed.signal, "SIGKILL", crashing.output.join("\n"));
      // The app is dead: what the emulator holds is what Telegram took before the kill.
      const taken = await eventually(async () => {
        const received = await reminders();
        return received.length > 0 && received;
      }, "the reminder Telegram took");
      assert.deepEqual(hoursAhead(taken), ["25"], "Telegram had the first reminder when the app died");

      const restarted = startChild(env);
      const url = await restarted.ready;
      try {
        await eventually(async () => (await reminders()).length === 3, "the interrupted reminder again, then the other");
        assert.deepEqual(hoursAhead(await reminders()), ["25", "25", "2"]);
        const repeated = await eventually(async () => {
          const counted = metricValue(await (await fetch(`${url}/metrics`)).text(), "botyard_messages_possibly_repeated_total", { source: "outbox" });
          return counted > 0 ? counted : undefined;
        }, "the repeat counted");
        assert.equal(repeated, 1);
      } finally {
        restarted.child.kill("SIGTERM");
        await restarted.exited;
      }
      const reopened = await openDatabase(database.settings);
      try {
        const outbox = await reopened.db.selectFrom("outbox").select(["chat_id", "status", "attempts"]).orderBy("id").execute();
        assert.deepEqual(
          outbox.map((row) => [Number(row.chat_id), row.status, row.attempts]),
          [
            [jo.id, "sent", 2],
            [jo.id, "sent", 1],
          ],
          "one row per reminder; only the interrupted one sent twice",
        );
      } finally {
        await reopened.close();
        await database.drop();
      }
    });
  });
}
