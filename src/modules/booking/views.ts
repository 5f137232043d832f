import type { Slot } from "./domain/slots.ts";
import type { BookingStatus, CancelledBy } from "./domain/status.ts";
import type { BookingRow } from "./tables.ts";

/**
 * A booking as it leaves the service: plain JSON, times as ISO strings, so a handler's journaled
 * result reads the same when it is replayed.
 */
export interface BookingView {
  id: number;
  clientId: number;
  masterId: number;
  serviceId: number;
  locationId: number;
  classSessionId: number | null;
  startsAt: string;
  endsAt: string;
  status: BookingStatus;
  cancelledBy: CancelledBy | null;
  priceMinor: number;
  currency: string;
  durationMin: number;
  prepaymentMinor: number | null;
  rescheduleCount: number;
  sequence: number;
  holdExpiresAt: string | null;
}

export function presentBooking(row: BookingRow): BookingView {
  return {
    id: row.id,
    clientId: row.client_id,
    masterId: row.master_id,
    serviceId: row.service_id,
    locationId: row.location_id,
    classSessionId: row.class_session_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    cancelledBy: row.cancelled_by,
    priceMinor: row.price_minor,
    currency: row.currency,
    durationMin: row.duration_min,
    prepaymentMinor: row.prepayment_minor,
    rescheduleCount: row.reschedule_count,
    sequence: row.sequence,
    holdExpiresAt: row.hold_expires_at?.toISOString() ?? null,
  };
}

/** A time a client can book, as offered after a refusal or in a day's list. */
export interface FreeSlot {
  /** ISO instants; `start` is what a later booking passes back. */
  start: string;
  end: string;
  /** Local day and clock times at the location, e.g. `"2026-03-30"`, `"09:30"`. */
  date: string;
  time: string;
  endTime: string;
  seatsFree: number;
  /** For "any master": the master this time would go to. */
  masterId?: number;
}

export function presentSlot(slot: Slot & { masterId?: string }): FreeSlot {
  return {
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    date: slot.date,
    time: slot.time,
    endTime: slot.endTime,
    seatsFree: slot.seatsFree,
    ...(slot.masterId === undefined ? {} : { masterId: Number(slot.masterId) }),
  };
}
