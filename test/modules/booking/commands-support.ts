/**
 * The booking module's commands for tests, the one runtime every booking command test runs them
 * with: the module's texts, roles and event kinds, on a test's database. A command runs at the
 * input's `now` (or its `messenger`'s clock), else at the runtime's clock, so a test reads
 * `runIn(trx, actor, cancelBooking, { bookingId, by: "client", now })`.
 */
import type { Transaction } from "kysely";
import { bookingModule } from "../../../src/modules/booking/module.ts";
import { permissionsOf } from "../../../src/platform/app/module-context.ts";
import { HOLD_EVENT, INVOICE_EVENT } from "../../../src/modules/booking/effects/payment-hold.ts";
import { REMINDER_EVENT } from "../../../src/modules/booking/domain/reminders.ts";
import { REVIEW_EVENT } from "../../../src/modules/booking/domain/review.ts";
import { OFFER_EXPIRY_EVENT, SLOT_FREED_EVENT } from "../../../src/modules/booking/domain/waitlist.ts";
import type { Actor } from "../../../src/platform/audit/use-case.ts";
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

/** Where a test's commands run: its database (lazily: a suite's database exists once its `before` ran), clock and the bots' languages. */
export interface BookingCommandsOptions {
  /** "Now" of a command whose input names none; the real clock unless given. */
  clock?: { now(): Date };
  /** The languages the bots speak, for the notices commands queue; English and Russian unless given. */
  languages?: readonly ("en" | "ru")[];
}

/** Runs booking commands on `database`. */
export function bookingCommands(
  database: () => Database = () => {
    throw new Error("this runtime runs commands inside a test's transactions only");
  },
  options: BookingCommandsOptions = {},
) {
  const clock = options.clock ?? { now: () => new Date() };
  const languages = options.languages ?? ["en", "ru"];
  let at: Date | undefined;
  const runtime: CommandRuntime = createCommandRuntime({
    get database() {
      return database();
    },
    translator: bookingTranslator,
    permissions: permissionsOf([bookingModule]),
    clock: { now: () => at ?? clock.now() },
    jobs: { send: () => Promise.resolve(null) },
    languagesOf: () => languages,
    settingsOf: () => ({ timeZone: "UTC", languages: [...languages], modules: null, staffMayApply: true, noteMarker: "#note", anonymousStaff: false }),
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
    /** Runs the modules' hooks for a change to a person (the booking module's only here). */
    announce: runtime.announce,
    /** What the time-off use cases and the event handlers run commands with. */
    runInAt: (now: () => Date): CommandRuntime["runIn"] => (trx, actor, command, input) => {
      at = now();
      return runtime.runIn(trx, actor, command, input);
    },
  };
}

/** A booking command runtime of a test. */
export type BookingCommands = ReturnType<typeof bookingCommands>;

/** The runtime most tests need: commands inside their own transactions. */
export const { runIn } = bookingCommands();
