import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { mayClientCancel } from "../domain/cancellation.ts";
import { changeStatus } from "../domain/status.ts";
import { tellClientOfStaffChange } from "../effects/client-notice.ts";
import { tellMasters } from "../effects/master-notice.ts";
import { cancelHold } from "../effects/payment-hold.ts";
import { cancelReminders } from "../effects/reminders.ts";
import { slotFreed } from "../effects/waitlist-offer.ts";
import { rulesOfService } from "../queries/rules.ts";
import { type BookingTables } from "../tables.ts";
import { bookingToChange, recordChange, type ChangedBy } from "../effects/changes.ts";
import { refused, type BookingOutcome } from "../queries/outcome.ts";
import { givePlaceBack } from "../effects/places.ts";
import { presentBooking } from "../views.ts";

export interface CancelInput {
  bookingId: number;
  by: ChangedBy;
  /** The calendar sequence of the booking as the person saw it; moved since, it is refused `changed` rather than cancelled unseen. */
  seenSequence?: number;
}

/**
 * Cancels a booking: by its client within the cancel window (from My bookings or a reminder's
 * button), by staff any time before it is final (the bot, the panel, a time off). The master's
 * time (or the class seat) is given back at once; the booking stays, cancelled, with who
 * cancelled it, and its calendar sequence rises. The master is told; so is the client when staff
 * cancelled. Its reminders (and an unpaid hold's invoice and expiry) are removed, and the freed
 * slot goes to the waitlist.
 */
export const cancelBooking = defineCommand("booking.cancel", async (scope: CommandScope<BookingTables>, input: CancelInput): Promise<UseCaseOutcome<BookingOutcome>> => {
  const { trx, actor, now } = scope;
  const before = await bookingToChange(trx, actor, input.bookingId, input.by);
  if (before === undefined) return refused("not-found");
  const change = changeStatus({ status: before.status, visitStart: before.starts_at }, { type: "cancel", by: input.by }, now);
  if (!change.ok) return refused(change.reason);
  if (input.seenSequence !== undefined && before.sequence !== input.seenSequence) return refused("changed");
  if (input.by === "client") {
    const window = mayClientCancel({ now, visitStart: before.starts_at, rules: await rulesOfService(trx, actor.botId, before.service_id) });
    if (!window.ok) return refused(window.reason);
  }
  await givePlaceBack(trx, before, now);
  const after = await trx
    .updateTable("booking")
    .set((eb) => ({ status: "cancelled", cancelled_by: input.by, sequence: eb("sequence", "+", 1), updated_at: sql`now()` }))
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, now, "cancelled", before, after);
  await cancelReminders(scope, before.id);
  await cancelHold(scope, before.id);
  if (before.class_session_id === null) await slotFreed(scope, { masterId: before.master_id, start: before.starts_at, freedBy: `booking:${before.id}:${before.sequence}` });
  await tellMasters(scope, "cancelled", after, before);
  if (input.by === "staff") await tellClientOfStaffChange(scope, "cancelled", after);
  const booking = presentBooking(after);
  return { result: { ok: true, booking }, audit: { objectType: "booking", objectId: booking.id, before: presentBooking(before), after: booking } };
});
