// Runs one event tick in its own process, for the crash test: with BOTYARD_TEST_CRASH_AT set it
// dies between handling an event and committing.
import { openDatabase, type DatabaseSettings } from "../../../src/platform/db/database.ts";
import { createEventTick } from "../../../src/platform/jobs/scheduled-events.ts";
import { createLogger } from "../../../src/platform/log.ts";

const settings = JSON.parse(process.env.EVENTS_TEST_SETTINGS ?? "null") as DatabaseSettings;
const now = new Date(process.env.EVENTS_TEST_NOW ?? "");
const database = await openDatabase(settings);
const events = createEventTick({
  database,
  clock: { now: () => now },
  logger: createLogger({ level: "silent" }),
  handlers: {
    reminder: async (trx, event) => {
      await trx
        .insertInto("bot")
        .values({ id: `sent-${event.id}`, telegram_id: event.id, username: null, settings: JSON.stringify({}) })
        .execute();
    },
  },
});
process.stdout.write(`handled ${await events.tick()}\n`);
await database.close();
