import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { endOffer, offerFreedSlot, offeredEntry } from "../effects/waitlist-offer.ts";
import type { BookingTables } from "../tables.ts";

/**
 * The client says "No thanks" (`declined`), or the offer ran out (`expired`, a timed event): the
 * hold ends and the slot is offered to the next in line. The entry is finished either way.
 */
export const passOnOffer = defineCommand(
  "booking.waitlist.pass",
  async (scope: CommandScope<BookingTables>, input: { entryId: number; why: "declined" | "expired" }): Promise<UseCaseOutcome<{ ok: boolean; nextEntry?: number }>> => {
    const entry = await offeredEntry(scope, input.entryId);
    if (entry?.status !== "offered" || entry.offered_start === null || entry.offered_master_id === null || entry.offer_expires_at === null) {
      return { result: { ok: false }, audit: null };
    }
    if (input.why === "expired" && entry.offer_expires_at.getTime() > scope.now.getTime()) return { result: { ok: false }, audit: null };
    await endOffer(scope, entry, input.why);
    const nextEntry = await offerFreedSlot(scope, { masterId: entry.offered_master_id, start: entry.offered_start });
    return {
      result: { ok: true, ...(nextEntry === undefined ? {} : { nextEntry }) },
      audit: { objectType: "booking_waitlist", objectId: entry.id, before: { status: "offered" }, after: { status: input.why, nextEntry: nextEntry ?? null } },
    };
  },
);
