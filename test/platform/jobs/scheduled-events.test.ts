import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { after, before, beforeEach, describe, test } from "node:test";
import type { Selectable, Transaction } from "kysely";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import type { PlatformTables, ScheduledEventTable } from "../../../src/platform/db/schema.ts";
import {
  MAX_EVENT_ATTEMPTS,
  cancelEvent,
  createEventTick,
  scheduleEvent,
  type EventTick,
} from "../../../src/platform/jobs/scheduled-events.ts";
import { createLogger } from "../../../src/platform/log.ts";
import type { EventHandler } from "../../../src/platform/module.ts";
import { eventually } from "../../support/telegram-user.ts";
import { databaseKinds, platformOnly, type TestDatabase } from "../../support/databases.ts";

const logger = createLogger({ level: "silent" });
const start = new Date("2030-01-01T10:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

type Event = Selectable<ScheduledEventTable>;
const tickOnce = fileURLToPath(new URL("./event-tick-once.ts", import.meta.url));

for (const kind of databaseKinds) {
  describe(`scheduled events on ${kind.name}`, { skip: kind.skip }, () => {
    let fresh: TestDatabase;
    let database: Database;
    let now: Date;
    let runs: Event[];
    let behaviour: (trx: Transaction<PlatformTables>, event: Event) => Promise<void>;
    let events: EventTick;

    before(async () => {
      fresh = await kind.fresh(platformOnly);
      database = await openDatabase(fresh.settings);
    });
    after(async () => {
      await database.close();
      await fresh.drop();
    });
    beforeEach(async () => {
      await database.db.deleteFrom("scheduled_event").execute();
      await database.db.deleteFrom("bot").execute();
      now = start;
      runs = [];
      // The handler's own write stands in for the outbox rows a reminder would add.
      behaviour = async (trx, event) => {
        await trx
          .insertInto("bot")
          .values({ id: `sent-${event.id}`, telegram_id: event.id, username: null, settings: JSON.stringify({}) })
          .execute();
      };
      const reminder: EventHandler = async (trx, event) => {
        runs.push(event);
        await behaviour(trx, event);
      };
      events = createEventTick({ database, clock: { now: () => now }, handlers: { reminder }, logger });
    });

    const schedule = (dedupeKey: string, dueAt: Date, payload: Record<string, unknown> = {}) =>
      database.transaction((trx) => scheduleEvent(trx, { botId: "main", kind: "reminder", dedupeKey, payload, dueAt }));
    const stored = (dedupeKey: string) =>
      database.db.selectFrom("scheduled_event").selectAll().where("dedupe_key", "=", dedupeKey).executeTakeFirst();
    const handlerWrites = async () => (await database.db.selectFrom("bot").select("id").execute()).length;

    test("an event that is not due yet does not run", async () => {
      await schedule("booking:1:reminder", minutes(30));
      now = minutes(29);
      assert.equal(await events.tick(), 0);
      assert.equal(runs.length, 0);
      assert.equal((await stored("booking:1:reminder"))?.done_at, null);
    });

    test("a due event runs once, and its handler's writes commit with the done mark", async () => {
      await schedule("booking:1:reminder", minutes(30), { bookingId: 1 });
      now = minutes(30);
      assert.equal(await events.tick(), 1);
      now = minutes(60);
      assert.equal(await events.tick(), 0);
      assert.equal(runs.length, 1);
      assert.deepEqual(runs[0]?.payload, { bookingId: 1 });
      assert.deepEqual((await stored("booking:1:reminder"))?.done_at, minutes(30));
      assert.equal(await handlerWrites(), 1);
    });

    test("two ticks at once run a due event once", async () => {
      await schedule("booking:1:reminder", minutes(0));
      await schedule("booking:2:reminder", minutes(0));
      const counts = await Promise.all([events.tick(), events.tick(), events.tick()]);
      assert.equal(
        counts.reduce((sum, n) => sum + n, 0),
        2,
      );
      assert.deepEqual(runs.map((event) => event.dedupe_key).sort(), ["booking:1:reminder", "booking:2:reminder"]);
    });

    if (kind.name === "postgres") {
      test("a tick skips an event another tick holds instead of waiting for it or running it again", async () => {
        await schedule("booking:1:reminder", minutes(0));
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let claimed!: () => void;
        const isClaimed = new Promise<void>((resolve) => (claimed = resolve));
        behaviour = async () => {
          claimed();
          await released;
        };
        const first = events.tick();
        await isClaimed;
        assert.equal(await events.tick(), 0, "the second tick finds nothing it may take");
        release();
        assert.equal(await first, 1);
        assert.equal(runs.length, 1);
      });
    }

    test("an event cancelled in the transaction that scheduled it leaves nothing", async () => {
      await database.transaction(async (trx) => {
        await scheduleEvent(trx, { botId: "main", kind: "reminder", dedupeKey: "booking:1:reminder", payload: {}, dueAt: minutes(5) });
        assert.equal(await cancelEvent(trx, "booking:1:reminder"), true);
      });
      assert.equal(await stored("booking:1:reminder"), undefined);
      now = minutes(10);
      assert.equal(await events.tick(), 0);
      assert.equal(runs.length, 0);
    });

    test("a cancel rolled back with its transaction keeps the event", async () => {
      await schedule("booking:1:reminder", minutes(5));
      await assert.rejects(
        database.transaction(async (trx) => {
          await cancelEvent(trx, "booking:1:reminder");
          throw new Error("the cancellation failed");
        }),
      );
      now = minutes(5);
      assert.equal(await events.tick(), 1);
    });

    test("scheduling the same key again moves the event to its new time and payload", async () => {
      await schedule("booking:1:reminder", minutes(10), { at: "10:10" });
      await schedule("booking:1:reminder", minutes(20), { at: "10:20" });
      now = minutes(15);
      assert.equal(await events.tick(), 0);
      now = minutes(20);
      assert.equal(await events.tick(), 1);
      assert.equal(runs.length, 1);
      assert.deepEqual(runs[0]?.payload, { at: "10:20" });
    });

    test("scheduling a key whose event is done does not run it again", async () => {
      await schedule("booking:1:reminder", minutes(0));
      assert.equal(await events.tick(), 1);
      await schedule("booking:1:reminder", minutes(10));
      now = minutes(10);
      assert.equal(await events.tick(), 0);
      assert.equal(runs.length, 1);
    });

    test("a throwing handler's writes roll back, the error is kept, and later ticks retry it up to the limit", async () => {
      await schedule("booking:1:reminder", minutes(0));
      behaviour = async (trx, event) => {
        await trx
          .insertInto("bot")
          .values({ id: `sent-${event.id}`, telegram_id: event.id, username: null, settings: JSON.stringify({}) })
          .execute();
        throw new Error("Telegram is down");
      };
      assert.equal(await events.tick(), 0);
      assert.equal(runs.length, 1, "one attempt per tick");
      const failed = await stored("booking:1:reminder");
      assert.equal(failed?.attempts, 1);
      assert.equal(failed?.error, "Telegram is down");
      assert.equal(failed?.done_at, null);
      assert.equal(await handlerWrites(), 0);

      for (let tick = 2; tick <= MAX_EVENT_ATTEMPTS + 2; tick++) await events.tick();
      assert.equal(runs.length, MAX_EVENT_ATTEMPTS);
      assert.equal((await stored("booking:1:reminder"))?.attempts, MAX_EVENT_ATTEMPTS);
    });

    test("an event that failed before runs on a later tick once its handler succeeds", async () => {
      await schedule("booking:1:reminder", minutes(0));
      const succeed = behaviour;
      behaviour = () => Promise.reject(new Error("not yet"));
      assert.equal(await events.tick(), 0);
      behaviour = succeed;
      assert.equal(await events.tick(), 1);
      const done = await stored("booking:1:reminder");
      assert.notEqual(done?.done_at, null);
      assert.equal(done?.error, null);
      assert.equal(await handlerWrites(), 1);
    });

    test("an event of a kind nobody handles is recorded as failed instead of blocking the others", async () => {
      await database.transaction((trx) =>
        scheduleEvent(trx, { botId: "main", kind: "unknown", dedupeKey: "x:1", payload: {}, dueAt: minutes(0) }),
      );
      await schedule("booking:1:reminder", minutes(1));
      now = minutes(1);
      assert.equal(await events.tick(), 1);
      assert.match((await stored("x:1"))?.error ?? "", /no handler for event kind unknown/);
    });

    test("a process killed between handling an event and committing leaves it pending, and a later tick runs it once", async () => {
      await schedule("booking:1:reminder", minutes(0));
      // PGlite: the DATA_DIR lock lets one process at a time open the database.
      await database.close();
      try {
        const child = spawn(process.execPath, [tickOnce], {
          env: {
            ...process.env,
            EVENTS_TEST_SETTINGS: JSON.stringify(fresh.settings),
            EVENTS_TEST_NOW: minutes(0).toISOString(),
            BOTYARD_TEST_CRASH_AT: "event-tick-before-commit",
          },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        const [, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
        assert.equal(signal, "SIGKILL");
        assert.equal(output, "", "the tick never finished");
      } finally {
        database = await openDatabase(fresh.settings);
        events = createEventTick({ database, clock: { now: () => now }, handlers: { reminder: (trx, event) => behaviour(trx, event) }, logger });
      }
      const pending = await stored("booking:1:reminder");
      assert.equal(pending?.done_at, null);
      assert.equal(pending?.attempts, 0);
      assert.equal(await handlerWrites(), 0, "the handler's writes died with the transaction");

      // On PostgreSQL the killed process's backend can hold the row's lock until the server notices
      // the dead socket; until then a tick skips the locked row and handles nothing.
      await eventually(async () => (await events.tick()) === 1, "a later tick handles the event");
      assert.equal(await handlerWrites(), 1);
      assert.notEqual((await stored("booking:1:reminder"))?.done_at, null);
      assert.equal(await events.tick(), 0, "and nothing is left to run again");
    });
  });
}
