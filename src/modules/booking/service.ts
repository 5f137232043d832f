/**
 * The booking module's use cases (each one transaction's worth of work, audited) and its reads.
 * Callers pass the transaction, the actor and the clock's `now`. The commands that change a
 * booking (re-exported here) run through `ctx.run` / `context.run` instead: see
 * docs/booking-commands.md.
 */
export { adminBook } from "./commands/admin-book.ts";
export { bookAppointment } from "./commands/book-appointment.ts";
export type { AdminBookInput, BookInput } from "./service/book.ts";
export { cancelBooking, type CancelInput } from "./commands/cancel-booking.ts";
export { markVisit, type MarkVisitInput } from "./commands/mark-visit.ts";
export { rescheduleBooking, type RescheduleInput } from "./commands/reschedule-booking.ts";
export { daySlots, monthAvailability, type AvailabilityQuery } from "./service/availability.ts";
export type { BookingOutcome, Refused, RefusalReason } from "./service/outcome.ts";
export type { BookingView, FreeSlot } from "./service/presenter.ts";
