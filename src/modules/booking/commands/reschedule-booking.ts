import { sql, type Transaction } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { decideBooking, type BookingIntent } from "../domain/decide-booking.ts";
import { tellClientOfStaffChange } from "../effects/client-notice.ts";
import { tellMasters } from "../effects/master-notice.ts";
import { rescheduleReminders } from "../effects/reminders.ts";
import { slotFreed } from "../effects/waitlist-offer.ts";
import { lockClassSession, lockClassSessionById, occupancyOfBooking } from "../queries/bookings.ts";
import { occupanciesOf } from "../queries/offerings.ts";
import { type BookingTables, type Tables } from "../tables.ts";
import { bookingToChange, recordChange, type ChangedBy } from "../effects/changes.ts";
import { aroundVisit, loadOffer, requestOf } from "../queries/offer.ts";
import { refused, refusedAt, type BookingOutcome, type WriteHooks } from "../queries/outcome.ts";
import { givePlaceBack, occupyForBooking, takeClassSeat, underSavepoint } from "../effects/places.ts";
import { presentBooking } from "../views.ts";

type Trx = Transaction<Tables>;

const ATTEMPTS = 3;

export interface RescheduleInput extends WriteHooks {
  bookingId: number;
  by: ChangedBy;
  /** The new start; checked again here like a new booking's. */
  start: Date;
  /** Staff may move the visit to another master who offers the service; clients keep theirs. */
  masterId?: number;
}

/**
 * Moves a booking to a new time (staff: also to another master). A client moves their own within
 * the reschedule window and up to the maximum number of moves; staff move any booking that is
 * not final, past the notice and horizon but never over another booking. The visit keeps the
 * duration and price it was booked with; its calendar sequence rises. If the new time was taken
 * meanwhile the booking stays where it was and the answer offers the next free times. Its
 * reminders move with it (new keys for the new sequence); the slot it left goes to the waitlist.
 * The master is told (a move to another master tells the one who lost the visit it was
 * cancelled); so is the client when staff moved it (the bot, the panel, a time off).
 */
export const rescheduleBooking = defineCommand(
  "booking.reschedule",
  async (scope: CommandScope<BookingTables>, input: RescheduleInput): Promise<UseCaseOutcome<BookingOutcome>> => {
    const { trx, actor, now } = scope;
    const { start } = input;
    const before = await bookingToChange(trx, actor, input.bookingId, input.by);
    if (before === undefined) return refused("not-found");
    if (before.status !== "pending" && before.status !== "confirmed") return refused("already-final");
    const masterId = input.by === "staff" ? (input.masterId ?? before.master_id) : before.master_id;
    if (masterId === before.master_id && start.getTime() === before.starts_at.getTime()) return refused("unchanged");
    const offer = await loadOffer(trx, actor.botId, masterId, before.service_id, before.duration_min);
    if (offer === undefined) return refused("not-offered");

    for (let attempt = 1; ; attempt++) {
      const occupancy = before.class_session_id === null ? await occupancyOfBooking(trx, before.id) : undefined;
      const existing = { visitStart: before.starts_at, ...(occupancy === undefined ? {} : { occupancyId: String(occupancy.id) }) };
      const intent: BookingIntent =
        input.by === "client" ? { kind: "reschedule", existing, rescheduleCount: before.reschedule_count } : { kind: "admin", existing };
      const session = offer.service.capacity > 1 ? await lockSessionsInOrder(trx, before.class_session_id, masterId, before.service_id, start) : undefined;
      const occupancies = await occupanciesOf(trx, [masterId], aroundVisit(start));
      const decision = decideBooking(requestOf(offer, occupancies, now, intent, start));
      if (!decision.ok) return refusedAt(trx, decision.reason, { offer, intent, start, now });
      await input.onDecided?.(trx);

      const written = await underSavepoint(trx, async () => {
        await givePlaceBack(trx, before, now);
        const classSessionId =
          decision.occupancy.kind === "class"
            ? await takeClassSeat(trx, { botId: actor.botId, masterId, serviceId: before.service_id, decision, session })
            : null;
        const after = await trx
          .updateTable("booking")
          .set((eb) => ({
            starts_at: decision.visit.start,
            ends_at: decision.visit.end,
            master_id: masterId,
            location_id: offer.offering.locationId,
            class_session_id: classSessionId,
            reschedule_count: input.by === "client" ? eb("reschedule_count", "+", 1) : eb.ref("reschedule_count"),
            sequence: eb("sequence", "+", 1),
            updated_at: sql`now()`,
          }))
          .where("id", "=", before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (classSessionId === null) {
          const holdExpiresAt = before.status === "pending" ? before.hold_expires_at : null;
          await occupyForBooking(trx, { botId: actor.botId, masterId, range: decision.occupancy, bookingId: before.id, holdExpiresAt });
        }
        await recordChange(trx, actor, now, "rescheduled", before, after);
        await rescheduleReminders(scope, after);
        if (before.class_session_id === null) await slotFreed(scope, { masterId: before.master_id, start: before.starts_at, freedBy: `booking:${before.id}:${before.sequence}` });
        await tellMasters(scope, "moved", after, before);
        if (input.by === "staff") await tellClientOfStaffChange(scope, "moved", after);
        return after;
      });
      if (written.ok) {
        const booking = presentBooking(written.value);
        return { result: { ok: true, booking }, audit: { objectType: "booking", objectId: booking.id, before: presentBooking(before), after: booking } };
      }
      if (written.reason === "retry" && attempt < ATTEMPTS) continue;
      if (written.reason === "retry") throw new Error("booking: the same class session kept being created concurrently");
      return refusedAt(trx, written.reason as "taken" | "full", { offer, intent, start, now });
    }
  },
);

/**
 * Locks the class session being left and the one being joined in id order, so two clients
 * swapping sessions cannot deadlock, and returns the target (fresh, locked) if it is open.
 */
async function lockSessionsInOrder(trx: Trx, leaving: number | null, masterId: number, serviceId: number, start: Date) {
  const target = await trx
    .selectFrom("booking_class_session")
    .select("id")
    .where("master_id", "=", masterId)
    .where("service_id", "=", serviceId)
    .where("starts_at", "=", start)
    .where("active", "=", true)
    .executeTakeFirst();
  const ids = [...new Set([leaving, target?.id].filter((id): id is number => id !== null && id !== undefined))].sort((a, b) => a - b);
  for (const id of ids) await lockClassSessionById(trx, id);
  return lockClassSession(trx, masterId, serviceId, start);
}
