/**
 * The booking module's commands for tests: a command runtime with the module's texts, roles and
 * event kinds, on a test's database. `runIn` takes the moment the command runs at from the
 * input's `now` (or its `messenger`'s clock), so a test reads as the use case it replaced:
 * `runIn(trx, actor, cancelBooking, { bookingId, by: "client", now })`.
 */
import type { Transaction } from "kysely";
import { bookingModule } from "../../../src/modules/booking/module.ts";
import { BOOKING_PERMISSIONS } from "../../../src/modules/booking/permissions.ts";
import { HOLD_EVENT, INVOICE_EVENT } from "../../../src/modules/booking/effects/payment-hold.ts";
import { REMINDER_EVENT } from "../../../src/modules/booking/domain/reminders.ts";
import { REVIEW_EVENT } from "../../../src/modules/booking/domain/review.ts";
import { OFFER_EXPIRY_EVENT, SLOT_FREED_EVENT } from "../../../src/modules/booking/domain/waitlist.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
import { PLATFORM_PERMISSIONS, Permissions } from "../../../src/platform/auth/permissions.ts";
import type { Command } from "../../../src/platform/commands/command.ts";
import { createCommandRuntime, type CommandRuntime } from "../../../src/platform/commands/command-runtime.ts";
import type { Database } from "../../../src/platform/db/database.ts";
import type { PlatformTables } from "../../../src/platform/db/schema.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";

/** Every scheduled-event kind the booking module handles. */
export const BOOKING_EVENT_KINDS = [REMINDER_EVENT, REVIEW_EVENT, INVOICE_EVENT, HOLD_EVENT, SLOT_FREED_EVENT, OFFER_EXPIRY_EVENT];

export const bookingTranslator = new Translator([...platformCatalogues(), ...(bookingModule.catalogues ?? [])]);

/** When a command of a test runs: the input's `now`, or its messenger's clock. */
type At = { now?: Date; messenger?: { now(): Date } };

/** Runs booking commands on `database` (lazily: a suite's database exists once its `before` ran). */
export function bookingCommands(database: () => Database = () => {
  throw new Error("this runtime runs commands inside a test's transactions only");
}) {
  let at: Date | undefined;
  const runtime: CommandRuntime = createCommandRuntime({
    get database() {
      return database();
    },
    translator: bookingTranslator,
    permissions: new Permissions([PLATFORM_PERMISSIONS, BOOKING_PERMISSIONS]),
    clock: { now: () => at ?? new Date() },
    jobs: { send: () => Promise.resolve(null) },
    languagesOf: () => ["en", "ru"],
    settingsOf: () => ({ timeZone: "UTC", languages: ["en", "ru"], modules: null, staffMayApply: true }),
    eventKinds: new Set(BOOKING_EVENT_KINDS),
    queues: new Set(),
    hooksOf: () => [],
  });
  const timed = (input: At) => {
    at = input.now ?? input.messenger?.now();
  };
  return {
    /** Runs `command` inside a test's transaction, as `actor`, at the input's `now` (else now). */
    runIn: <DB, Input, Result>(trx: Transaction<DB>, actor: Actor, command: Command<never, Input, Result>, input: Input & At): Promise<Result> => {
      timed(input);
      return runtime.runIn(trx as unknown as Transaction<PlatformTables>, actor, command, input);
    },
    /** Runs `command` in a transaction of its own. */
    run: <Input, Result>(actor: Actor, command: Command<never, Input, Result>, input: Input & At): Promise<Result> => {
      timed(input);
      return runtime.run(actor, command, input);
    },
    /** What the time-off use cases and the event handlers run commands with. */
    runInAt: (now: () => Date): CommandRuntime["runIn"] => (trx, actor, command, input) => {
      at = now();
      return runtime.runIn(trx, actor, command, input);
    },
  };
}

/** The runtime most tests need: commands inside their own transactions. */
export const { runIn } = bookingCommands();
