import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { readPulse } from "../../../src/platform/app/pulse.ts";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import { createJobs, type Jobs } from "../../../src/platform/jobs/jobs.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { createMetrics } from "../../../src/platform/metrics.ts";
import { bumpSettingsVersion } from "../../../src/platform/settings/live-settings.ts";
import { databaseKinds, platformOnly, type TestDatabase } from "../../support/databases.ts";
import { eventually } from "../../support/telegram-user.ts";

const logger = createLogger({ level: "silent" });
const BOT = "pulse";

for (const kind of databaseKinds) {
  describe(`the pulse on ${kind.name}`, { skip: kind.skip, timeout: 120_000 }, () => {
    let fresh: TestDatabase;
    let database: Database;
    let jobs: Jobs;

    before(async () => {
      fresh = await kind.fresh(platformOnly);
      database = await openDatabase(fresh.settings);
      // Workers that would not look on their own within the test: only a wake can start the job.
      jobs = createJobs({ database, logger, metrics: createMetrics(), tuning: { pollingIntervalSeconds: 3_600 } });
      await jobs.start();
      await database.db.insertInto("bot").values({ id: BOT, telegram_id: 7_000_001, username: "pulse_bot", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).execute();
    });

    after(async () => {
      await jobs.stop(1_000);
      await database.close();
      await fresh.drop();
    });

    test("an idle database reads as nothing waiting, with each bot's settings version and menu fingerprint", async () => {
      const reading = await readPulse(database.db, [BOT]);
      assert.equal(reading.nextEventAt, undefined);
      assert.equal(reading.nextOutboxAt, undefined);
      assert.equal(reading.inboxWaiting, false);
      assert.deepEqual(reading.readyQueues, []);
      assert.deepEqual([...reading.bots.keys()], [BOT]);
    });

    test("a settings edit on any replica moves the version the pulse reads", async () => {
      const before = (await readPulse(database.db, [BOT])).bots.get(BOT);
      await bumpSettingsVersion(database.db, BOT);
      const after = (await readPulse(database.db, [BOT])).bots.get(BOT);
      assert.ok(before !== undefined && after !== undefined);
      assert.equal(after.version, before.version + 1);
      assert.notEqual(after.menus, before.menus);
    });

    test("an event, an outbox row and a stored update show up, each for what would run them", async () => {
      const dueAt = new Date("2030-01-01T10:00:00Z");
      await database.db.insertInto("scheduled_event").values({ bot_id: BOT, kind: "demo.remind", dedupe_key: "e1", payload: JSON.stringify({}), due_at: dueAt }).execute();
      const notBefore = new Date("2030-01-01T09:00:00Z");
      await database.db
        .insertInto("outbox")
        .values({ bot_id: BOT, chat_id: 5, method: "sendMessage", payload: JSON.stringify({ chat_id: 5, text: "hi" }), dedupe_key: "o1", not_before: notBefore, created_at: new Date() })
        .execute();
      await database.db.insertInto("inbox").values({ bot_id: BOT, update_id: 1, chat_key: "5", payload: "{}", received_at: new Date() }).execute();

      const reading = await readPulse(database.db, [BOT]);
      assert.equal(reading.nextEventAt?.getTime(), dueAt.getTime());
      assert.equal(reading.nextOutboxAt?.getTime(), notBefore.getTime());
      assert.equal(reading.inboxWaiting, true);
      const other = await readPulse(database.db, ["another-bot"]);
      assert.equal(other.nextOutboxAt, undefined, "only this process's bots' rows count");
      assert.equal(other.inboxWaiting, false);
    });

    test("a job sent anywhere is a ready queue, and waking its workers runs it without their own poll", async () => {
      const done: number[] = [];
      await jobs.work<{ n: number }>("pulse-demo", (data) => {
        done.push(data.n);
        return Promise.resolve();
      });
      await jobs.send("pulse-demo", { n: 1 });
      const reading = await readPulse(database.db, [BOT]);
      assert.deepEqual(reading.readyQueues, ["pulse-demo"]);
      jobs.wake(reading.readyQueues);
      await eventually(() => Promise.resolve(done.length === 1), "the woken worker ran the job");
      assert.deepEqual((await readPulse(database.db, [BOT])).readyQueues, []);
    });
  });
}
