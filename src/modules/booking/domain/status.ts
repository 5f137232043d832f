/**
 * Where a booking is in its life. `pending` awaits payment or a manual confirmation; `done`,
 * `no_show` and `cancelled` are final. Nothing is deleted: a cancelled booking stays, with who
 * cancelled it.
 */
export type BookingStatus = "pending" | "confirmed" | "done" | "no_show" | "cancelled";

/** Who ended a booking: the client, staff, or the payment hold running out. */
export type CancelledBy = "client" | "staff" | "hold-expired";

/** What can happen to a booking. */
export type StatusEvent =
  | { type: "confirm" }
  | { type: "cancel"; by: "client" | "staff" }
  | { type: "expire-hold" }
  | { type: "mark-done" }
  | { type: "mark-no-show" };

export type StatusRefusal =
  /** The booking is done, a no-show or cancelled; nothing changes it any more. */
  | "already-final"
  /** Only a pending booking can be confirmed or expire. */
  | "not-pending"
  /** A visit is marked done or no-show only once it was confirmed. */
  | "not-confirmed"
  /** Nobody can have come, or failed to come, before the visit starts. */
  | "visit-not-started";

export type StatusChange =
  | { ok: true; status: Exclude<BookingStatus, "cancelled"> }
  | { ok: true; status: "cancelled"; cancelledBy: CancelledBy }
  | { ok: false; reason: StatusRefusal };

const FINAL: ReadonlySet<BookingStatus> = new Set(["done", "no_show", "cancelled"]);

/**
 * The status after `event`, or why it cannot happen. `visitStart` and `now` guard marking a visit
 * done or no-show before it began. Whether a client is still inside the cancel window is a
 * separate question (`mayClientCancel`); this only knows the order of states.
 */
export function changeStatus(booking: { status: BookingStatus; visitStart: Date }, event: StatusEvent, now: Date): StatusChange {
  if (FINAL.has(booking.status)) return { ok: false, reason: "already-final" };
  switch (event.type) {
    case "confirm":
      return booking.status === "pending" ? { ok: true, status: "confirmed" } : { ok: false, reason: "not-pending" };
    case "expire-hold":
      return booking.status === "pending" ? { ok: true, status: "cancelled", cancelledBy: "hold-expired" } : { ok: false, reason: "not-pending" };
    case "cancel":
      return { ok: true, status: "cancelled", cancelledBy: event.by };
    case "mark-done":
    case "mark-no-show":
      if (booking.status !== "confirmed") return { ok: false, reason: "not-confirmed" };
      if (now.getTime() < booking.visitStart.getTime()) return { ok: false, reason: "visit-not-started" };
      return { ok: true, status: event.type === "mark-done" ? "done" : "no_show" };
  }
}
