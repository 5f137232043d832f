import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { tellMasters } from "../effects/master-notice.ts";
import { bookingById } from "../queries/bookings.ts";
import { type BookingTables } from "../tables.ts";
import { bookForClient, type BookInput } from "../effects/book.ts";
import type { BookingOutcome } from "../queries/outcome.ts";

/**
 * A client books a visit in the bot (see `bookForClient`): the master is told of it, a pending
 * one (a prepaid service, its slot held) included; the client reads the bot's answer.
 */
export const bookAppointment = defineCommand("booking.book", async (scope: CommandScope<BookingTables>, input: BookInput): Promise<UseCaseOutcome<BookingOutcome>> => {
  const outcome = await bookForClient(scope, input);
  if (outcome.result.ok) await tellMasters(scope, "booked", await bookingById(scope.trx, outcome.result.booking.id));
  return outcome;
});
