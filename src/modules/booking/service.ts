/**
 * The booking module's use cases (each one transaction's worth of work, audited) and its reads.
 * Callers pass the transaction, the actor and the clock's `now`.
 */
export { adminBook, bookAppointment, type AdminBookInput, type BookInput } from "./service/book.ts";
export { cancelBooking, type CancelInput } from "./service/cancel.ts";
export { markVisit, type MarkVisitInput } from "./service/mark-visit.ts";
export { rescheduleBooking, type RescheduleInput } from "./service/reschedule.ts";
export { daySlots, monthAvailability, type AvailabilityQuery } from "./service/availability.ts";
export type { BookingOutcome, Refused, RefusalReason } from "./service/outcome.ts";
export type { BookingView, FreeSlot } from "./service/presenter.ts";
