import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { mayClientCancel } from "../domain/cancellation.ts";
import { changeStatus } from "../domain/status.ts";
import { rulesOfService, type Tables } from "../repo.ts";
import { bookingToChange, recordChange, type ChangedBy } from "./changes.ts";
import { refused, type BookingOutcome } from "./outcome.ts";
import { givePlaceBack } from "./places.ts";
import { presentBooking } from "./presenter.ts";
import { cancelHold } from "../effects/payment-hold.ts";
import { cancelReminders } from "../reminders.ts";
import { slotFreed } from "../waitlist.ts";

type Trx = Transaction<Tables>;

export interface CancelInput {
  bookingId: number;
  by: ChangedBy;
  /** From the injected clock. */
  now: Date;
}

/**
 * Cancels a booking: by its client within the cancel window, by staff any time before it is
 * final. The master's time (or the class seat) is given back at once; the booking stays,
 * cancelled, with who cancelled it, and its calendar sequence rises. Its reminders (and an unpaid
 * hold's invoice and expiry) are removed, and the freed slot goes to the waitlist.
 */
export const cancelBooking = defineUseCase("booking.cancel", async (trx: Trx, actor: Actor, input: CancelInput): Promise<UseCaseOutcome<BookingOutcome>> => {
  const before = await bookingToChange(trx, actor, input.bookingId, input.by);
  if (before === undefined) return refused("not-found");
  const change = changeStatus({ status: before.status, visitStart: before.starts_at }, { type: "cancel", by: input.by }, input.now);
  if (!change.ok) return refused(change.reason);
  if (input.by === "client") {
    const window = mayClientCancel({ now: input.now, visitStart: before.starts_at, rules: await rulesOfService(trx, actor.botId, before.service_id) });
    if (!window.ok) return refused(window.reason);
  }
  await givePlaceBack(trx, before, input.now);
  const after = await trx
    .updateTable("booking")
    .set((eb) => ({ status: "cancelled", cancelled_by: input.by, sequence: eb("sequence", "+", 1), updated_at: sql`now()` }))
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, input.now, "cancelled", before, after);
  await cancelReminders(trx, before.id);
  await cancelHold(trx, before.id);
  if (before.class_session_id === null) {
    await slotFreed(trx, { botId: actor.botId, masterId: before.master_id, start: before.starts_at, now: input.now, freedBy: `booking:${before.id}:${before.sequence}` });
  }
  const booking = presentBooking(after);
  return { result: { ok: true, booking }, audit: { objectType: "booking", objectId: booking.id, before: presentBooking(before), after: booking } };
});
