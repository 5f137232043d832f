import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { offerFreedSlot } from "../effects/waitlist-offer.ts";
import type { BookingTables } from "../tables.ts";

/**
 * A freed slot offered to the waitlist (the timed event a cancel or a move schedules, see
 * `slotFreed`): the first in line it suits is told, with "Book it" / "No thanks". One audit row
 * when an offer was made, none when nobody in line wanted it.
 */
export const offerSlot = defineCommand("booking.waitlist.offer", async (scope: CommandScope<BookingTables>, input: { masterId: number; start: Date }): Promise<UseCaseOutcome<{ entryId?: number }>> => {
  const entryId = await offerFreedSlot(scope, input);
  if (entryId === undefined) return { result: {}, audit: null };
  return { result: { entryId }, audit: { objectType: "booking_waitlist", objectId: entryId, after: { status: "offered", start: input.start.toISOString(), masterId: input.masterId } } };
});
