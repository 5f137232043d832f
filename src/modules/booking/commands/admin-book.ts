import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { tellClientOfStaffChange } from "../effects/client-notice.ts";
import { tellMasters } from "../effects/master-notice.ts";
import { bookingById } from "../queries/bookings.ts";
import { type BookingTables } from "../tables.ts";
import { bookForStaff, type AdminBookInput } from "../effects/book.ts";
import type { BookingOutcome } from "../queries/outcome.ts";

/**
 * Staff book for a client, from the bot or the panel (see `bookForStaff`): the master is told,
 * and so is the client when they have a chat with the bot.
 */
export const adminBook = defineCommand("booking.admin-book", async (scope: CommandScope<BookingTables>, input: AdminBookInput): Promise<UseCaseOutcome<BookingOutcome>> => {
  const outcome = await bookForStaff(scope, input);
  if (outcome.result.ok) {
    const row = await bookingById(scope.trx, outcome.result.booking.id);
    await tellMasters(scope, "booked", row);
    await tellClientOfStaffChange(scope, "booked", row);
  }
  return outcome;
});
