import type { Transaction } from "kysely";
import type { Actor } from "../../../platform/audit/use-case.ts";
import { clientOf } from "../queries/clients.ts";
import { insertHistory } from "./history.ts";
import { lockBooking } from "../queries/bookings.ts";
import { type BookingRow, type HistoryEvent, type Tables } from "../tables.ts";

type Trx = Transaction<Tables>;

/** Who changes a booking: its client (only their own, within the windows) or staff (any of the bot's, any time). */
export type ChangedBy = "client" | "staff";

/**
 * The booking, locked until the transaction ends so changes of it queue up, or undefined when
 * there is none the actor may change: staff may change any of the bot's, a client only theirs.
 */
export async function bookingToChange(trx: Trx, actor: Actor, bookingId: number, by: ChangedBy): Promise<BookingRow | undefined> {
  const booking = await lockBooking(trx, actor.botId, bookingId);
  if (booking === undefined || by === "staff") return booking;
  const client = await clientOf(trx, booking.client_id);
  return client !== undefined && actor.personId !== null && client.telegram_id === actor.personId ? booking : undefined;
}

/** The history row of a change from `before` to `after`: status, time and master on both sides, who and when. */
export async function recordChange(trx: Trx, actor: Actor, now: Date, event: HistoryEvent, before: BookingRow, after: BookingRow): Promise<void> {
  await insertHistory(trx, {
    booking_id: after.id,
    event,
    from_status: before.status,
    to_status: after.status,
    from_starts_at: before.starts_at,
    to_starts_at: after.starts_at,
    from_ends_at: before.ends_at,
    to_ends_at: after.ends_at,
    from_master_id: before.master_id,
    to_master_id: after.master_id,
    actor_id: actor.personId,
    source: actor.source,
    at: now,
  });
}
