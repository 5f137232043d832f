import { join } from "node:path";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import { bookingEventHandlers } from "../../../src/modules/booking/events.ts";
import type { Database } from "../../../src/platform/db/database.ts";
import { cataloguesIn, platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { createEventTick } from "../../../src/platform/jobs/scheduled-events.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { bookingCommands } from "./commands-support.ts";

/** The booking module's migrations, its time-bound tables included (every later one too: the engine reads them all). */
export const timedMigrations = bookingMigrations;

const translator = new Translator([...platformCatalogues(), ...cataloguesIn(join(import.meta.dirname, "../../../src/modules/booking/locales"))]);

/** A clock the test moves, and the tick that runs due events with the booking module's handlers. */
export function timedWorld(database: () => Database, start: Date) {
  const clock = { at: start, now: () => clock.at };
  /** The clock as commands run by hand in a test read it (`runIn`'s `messenger`). */
  const messenger = { now: () => clock.at };
  const handlers = bookingEventHandlers({ translator, paymentProviderToken: "test-provider-token", runIn: bookingCommands().runInAt(() => clock.at) });
  return {
    clock,
    messenger,
    /** Moves the clock to `at` and runs every event due by then. */
    async tickAt(at: Date): Promise<number> {
      clock.at = at;
      return createEventTick({ database: database(), clock, handlers, logger: createLogger({ level: "silent" }) }).tick();
    },
  };
}
