/** Booking's audit fixtures (see test/support/audit-world.ts), one file per group of commands. */
import type { Fixture } from "../../support/audit-world.ts";
import { fixtures as afterVisit } from "./audit-fixtures/after-visit.ts";
import { fixtures as bookings } from "./audit-fixtures/bookings.ts";
import { fixtures as catalogue } from "./audit-fixtures/catalogue.ts";
import { fixtures as timeOff } from "./audit-fixtures/time-off.ts";

export const fixtures: Record<string, Fixture> = { ...bookings, ...afterVisit, ...catalogue, ...timeOff };
