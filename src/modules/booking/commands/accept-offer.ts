import { withSavepoint } from "../../../platform/db/savepoint.ts";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { tellMasters } from "../effects/master-notice.ts";
import { endOffer, offeredEntry } from "../effects/waitlist-offer.ts";
import { bookingById } from "../queries/bookings.ts";
import { type BookingTables } from "../tables.ts";
import { bookForClient } from "../effects/book.ts";
import type { BookingOutcome } from "../queries/outcome.ts";

export type AcceptOutcome = BookingOutcome | { ok: false; reason: "offer-gone" };

/**
 * The client takes the slot offered to them ("Book it"): the offer's hold becomes their booking
 * in this one transaction (the rule engine checks it again; a prepayment service makes it
 * pending with its own hold), and the master is told of the new booking. An offer that ran out,
 * or was answered before, is `offer-gone`.
 */
export const acceptOffer = defineCommand("booking.waitlist.accept", async (scope: CommandScope<BookingTables>, input: { entryId: number }): Promise<UseCaseOutcome<AcceptOutcome>> => {
  const { trx, now } = scope;
  const entry = await offeredEntry(scope, input.entryId);
  if (entry?.status !== "offered" || entry.offered_start === null || entry.offered_master_id === null || entry.offer_expires_at === null) {
    return { result: { ok: false, reason: "offer-gone" }, audit: null };
  }
  if (entry.offer_expires_at.getTime() <= now.getTime()) return { result: { ok: false, reason: "offer-gone" }, audit: null };
  const { masterId, start } = { masterId: entry.offered_master_id, start: entry.offered_start };
  // Ending the offer and booking stand or fall together: a refused booking leaves the offer as it was.
  const booked = await withSavepoint(
    trx,
    async () => {
      await endOffer(scope, entry, "booked");
      return bookForClient(scope, { masterId, serviceId: entry.service_id, start, name: entry.name });
    },
    (attempt) => attempt.result.ok,
  );
  if (!booked.result.ok) return { result: booked.result, audit: null };
  const booking = booked.result.booking;
  await trx.updateTable("booking_waitlist").set({ booking_id: booking.id }).where("id", "=", entry.id).execute();
  await tellMasters(scope, "booked", await bookingById(trx, booking.id));
  return { result: booked.result, audit: { objectType: "booking", objectId: booking.id, after: { ...booking, waitlistEntry: entry.id } } };
});
