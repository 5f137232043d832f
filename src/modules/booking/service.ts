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
export { createLocation, editLocation, setLocationActive, type LocationInput, type LocationOutcome } from "./service/manage-locations.ts";
export { createService, editService, setServiceActive, type ServiceInput, type ServiceOutcome } from "./service/manage-services.ts";
export {
  createMaster,
  editMaster,
  linkMasterTelegram,
  setMasterActive,
  setMasterServices,
  type MasterActiveOutcome,
  type MasterInput,
  type MasterOutcome,
} from "./service/manage-masters.ts";
export { setWeeklyHours, type WeeklyHoursInput, type WeeklyHoursOutcome } from "./service/weekly-hours.ts";
export { updateRules, type RulesChanges, type RulesOutcome } from "./service/manage-rules.ts";
export { problemMessage, type CatalogueProblem, type CatalogueRefusal } from "./service/catalogue-refusal.ts";
export { salonCatalogue, type LocationView, type MasterView, type RulesView, type SalonCatalogue, type ServiceView } from "./service/salon-catalogue.ts";
