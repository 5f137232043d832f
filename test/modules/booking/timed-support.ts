import { join } from "node:path";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import type { Messenger } from "../../../src/modules/booking/client-notice.ts";
import type { PaymentStaff } from "../../../src/modules/booking/payments.ts";
import { paymentHandlers } from "../../../src/modules/booking/payments.ts";
import { REMINDER_EVENT, reminderHandler } from "../../../src/modules/booking/reminders.ts";
import { REVIEW_EVENT, reviewHandler } from "../../../src/modules/booking/reviews.ts";
import { waitlistHandlers } from "../../../src/modules/booking/waitlist.ts";
import type { Database } from "../../../src/platform/db/database.ts";
import { cataloguesIn, platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";
import { createEventTick } from "../../../src/platform/jobs/scheduled-events.ts";
import { createLogger } from "../../../src/platform/log.ts";

/** The booking module's migrations, its time-bound tables included (every later one too: the engine reads them all). */
export const timedMigrations = bookingMigrations;

const translator = new Translator([...platformCatalogues(), ...cataloguesIn(join(import.meta.dirname, "../../../src/modules/booking/locales"))]);

/** A clock the test moves, the messenger the jobs write with, and the tick that runs due events with the booking module's handlers. */
export function timedWorld(database: () => Database, start: Date) {
  const clock = { at: start, now: () => clock.at };
  const messenger: Messenger & PaymentStaff = {
    translator,
    languagesOf: () => ["en", "ru"],
    now: () => clock.at,
    paymentProviderToken: "test-provider-token",
    managerRoles: () => ["admin"],
  };
  const handlers = {
    [REMINDER_EVENT]: reminderHandler(messenger),
    [REVIEW_EVENT]: reviewHandler(messenger),
    ...paymentHandlers(messenger),
    ...waitlistHandlers(messenger),
  };
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
