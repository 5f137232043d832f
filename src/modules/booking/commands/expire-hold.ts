import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { tellClient } from "../effects/client-notice.ts";
import { tellMasters } from "../effects/master-notice.ts";
import { offerFreedSlot } from "../effects/waitlist-offer.ts";
import { lockBooking } from "../queries/bookings.ts";
import { type BookingTables } from "../tables.ts";
import { recordChange } from "../effects/changes.ts";
import { givePlaceBack } from "../effects/places.ts";
import { presentBooking } from "../views.ts";

/**
 * The hold of an unpaid booking ran out (a timed event): the booking is cancelled as "hold
 * expired", its slot given back and offered to the waitlist, the client told the time was
 * released, and the master, who was told of the pending booking, told it is cancelled. A booking
 * paid, cancelled or moved to a later hold meanwhile is left alone.
 */
export const expireHold = defineCommand("booking.hold.expire", async (scope: CommandScope<BookingTables>, input: { bookingId: number }): Promise<UseCaseOutcome<{ expired: boolean }>> => {
  const { trx, actor, now } = scope;
  const before = await lockBooking(trx, actor.botId, input.bookingId);
  if (before?.status !== "pending" || before.hold_expires_at === null || before.hold_expires_at.getTime() > now.getTime()) {
    return { result: { expired: false }, audit: null };
  }
  await givePlaceBack(trx, before, now);
  const after = await trx
    .updateTable("booking")
    .set((eb) => ({ status: "cancelled", cancelled_by: "hold-expired", sequence: eb("sequence", "+", 1), updated_at: sql`now()` }))
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, now, "hold-expired", before, after);
  await tellClient(scope, after, { dedupeKey: `booking:${after.id}:hold-expired`, key: "booking-hold-expired" });
  await tellMasters(scope, "cancelled", after, before);
  if (before.class_session_id === null) await offerFreedSlot(scope, { masterId: before.master_id, start: before.starts_at });
  return { result: { expired: true }, audit: { objectType: "booking", objectId: after.id, before: presentBooking(before), after: presentBooking(after) } };
});
