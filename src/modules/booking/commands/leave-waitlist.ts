import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { endOffer, offerFreedSlot, offeredEntry } from "../effects/waitlist-offer.ts";
import type { BookingTables } from "../tables.ts";

export type LeaveOutcome = { ok: true; nextEntry?: number } | { ok: false; reason: "waitlist-entry-gone" };

/**
 * The client leaves the waitlist: a waiting entry is withdrawn; one holding an offer also
 * releases the offer's hold, and the slot goes to the next in line. An entry that is not theirs
 * or already finished (booked, declined, expired, left) is `waitlist-entry-gone`.
 */
export const leaveWaitlist = defineCommand("booking.waitlist.leave", async (scope: CommandScope<BookingTables>, input: { entryId: number }): Promise<UseCaseOutcome<LeaveOutcome>> => {
  if (scope.actor.personId === null) throw new Error("a client leaves the waitlist themselves: the actor must be a person");
  const entry = await offeredEntry(scope, input.entryId);
  if (entry?.status !== "waiting" && entry?.status !== "offered") return { result: { ok: false, reason: "waitlist-entry-gone" }, audit: null };
  await endOffer(scope, entry, "withdrawn");
  const nextEntry =
    entry.status === "offered" && entry.offered_master_id !== null && entry.offered_start !== null
      ? await offerFreedSlot(scope, { masterId: entry.offered_master_id, start: entry.offered_start })
      : undefined;
  return {
    result: { ok: true, ...(nextEntry === undefined ? {} : { nextEntry }) },
    audit: { objectType: "booking_waitlist", objectId: entry.id, before: { status: entry.status }, after: { status: "withdrawn", nextEntry: nextEntry ?? null } },
  };
});
