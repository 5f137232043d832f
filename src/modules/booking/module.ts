import { join } from "node:path";
import { cataloguesIn } from "../../platform/i18n/catalogues.ts";
import { defineModule } from "../../platform/module.ts";
import { bookingApi, bookingApiCatalogues } from "./api/routes.ts";
import { bookingComposer } from "./bot/composer.ts";
import { adminHomeButton, bookButton, myBookingsMenuButton, ownDayButton, ownFeedButton, ownWeekButton, timeOffHomeButton } from "./callbacks.ts";
import { acceptOffer } from "./commands/accept-offer.ts";
import { addDaysOff } from "./commands/add-days-off.ts";
import { addHoliday } from "./commands/add-holiday.ts";
import { adminBook } from "./commands/admin-book.ts";
import { blockTime } from "./commands/block-time.ts";
import { bookAppointment } from "./commands/book-appointment.ts";
import { cancelBooking } from "./commands/cancel-booking.ts";
import { clearDayHours } from "./commands/clear-day-hours.ts";
import { createLocation } from "./commands/create-location.ts";
import { createMaster } from "./commands/create-master.ts";
import { createService } from "./commands/create-service.ts";
import { editLocation } from "./commands/edit-location.ts";
import { editMaster } from "./commands/edit-master.ts";
import { editService } from "./commands/edit-service.ts";
import { expireHold } from "./commands/expire-hold.ts";
import { issueMasterFeed } from "./commands/issue-master-feed.ts";
import { leaveWaitlist } from "./commands/leave-waitlist.ts";
import { linkMasterTelegram } from "./commands/link-master-telegram.ts";
import { markVisit } from "./commands/mark-visit.ts";
import { offerSlot } from "./commands/offer-slot.ts";
import { passOnOffer } from "./commands/pass-on-offer.ts";
import { recordPayment } from "./commands/record-payment.ts";
import { recordRefund } from "./commands/record-refund.ts";
import { removeDaysOff } from "./commands/remove-days-off.ts";
import { removeHoliday } from "./commands/remove-holiday.ts";
import { rescheduleBooking } from "./commands/reschedule-booking.ts";
import { setDayHours } from "./commands/set-day-hours.ts";
import { setLocationActive } from "./commands/set-location-active.ts";
import { setMasterActive } from "./commands/set-master-active.ts";
import { setMasterServices } from "./commands/set-master-services.ts";
import { setServiceActive } from "./commands/set-service-active.ts";
import { setWeeklyHours } from "./commands/set-weekly-hours.ts";
import { askForReview } from "./commands/ask-for-review.ts";
import { commentOnVisit } from "./commands/comment-on-visit.ts";
import { confirmComing } from "./commands/confirm-coming.ts";
import { joinWaitlist } from "./commands/join-waitlist.ts";
import { rateVisit } from "./commands/rate-visit.ts";
import { sendInvoice } from "./commands/send-invoice.ts";
import { sendReminder } from "./commands/send-reminder.ts";
import { unblockTime } from "./commands/unblock-time.ts";
import { updateRules } from "./commands/update-rules.ts";
import { seedDemoSalonInSandbox } from "./demo-salon.ts";
import { bookingHooks } from "./hooks.ts";
import { bookingCards } from "./dashboard.ts";
import { bookingSegments } from "./segments.ts";
import { bookingEventHandlers } from "./events.ts";
import { BOOKING_PERMISSIONS, BOOKING_ROLES } from "./permissions.ts";
import * as booking0001 from "./migrations/0001_booking.ts";
import * as booking0002 from "./migrations/0002_timed.ts";
import * as booking0003 from "./migrations/0003_time_off.ts";
import * as booking0004 from "./migrations/0004_refunds.ts";

/** The booking module's migrations, by name (tests and benches migrate with this map). */
export const bookingMigrations = { booking_0001_booking: booking0001, booking_0002_timed: booking0002, booking_0003_time_off: booking0003, booking_0004_refunds: booking0004 };

/**
 * Appointments for salons, masters and clinics (seed 004): clients book in the bot (service,
 * master or any, a calendar with load markers, times, summary) and manage their bookings; masters
 * are told of new, cancelled and moved bookings; broadcasts reach its clients (all, by service,
 * inactive N days). In sandbox mode a demo salon is seeded.
 */
export const bookingModule = defineModule({
  name: "booking",
  migrations: bookingMigrations,
  catalogues: [...cataloguesIn(join(import.meta.dirname, "locales")), ...cataloguesIn(join(import.meta.dirname, "locales", "catalogue")), ...bookingApiCatalogues],
  roles: BOOKING_ROLES,
  permissions: BOOKING_PERMISSIONS,
  menu: [
    { label: "booking-menu-book", data: bookButton.data({}) },
    { label: "booking-menu-mine", data: myBookingsMenuButton.data({}) },
    { label: "booking-staff-menu-day", data: ownDayButton.data({}), roles: ["master"] },
    { label: "booking-staff-menu-week", data: ownWeekButton.data({}), roles: ["master"] },
    { label: "booking-staff-menu-feed", data: ownFeedButton.data({}), roles: ["master"] },
    { label: "booking-admin-menu", data: adminHomeButton.data({}), roles: ["admin"] },
    { label: "booking-timeoff-menu", data: timeOffHomeButton.data({}), roles: ["admin"] },
  ],
  botCommands: [
    { command: "book", description: "command-book" },
    { command: "mybookings", description: "command-mybookings" },
    { command: "myday", description: "booking-staff-command-myday", roles: ["master"] },
    { command: "myweek", description: "booking-staff-command-myweek", roles: ["master"] },
    { command: "salon", description: "booking-admin-command", roles: ["admin"] },
  ],
  commands: [
    // The salon's catalogue.
    createLocation,
    editLocation,
    setLocationActive,
    createService,
    editService,
    setServiceActive,
    createMaster,
    editMaster,
    linkMasterTelegram,
    setMasterActive,
    setMasterServices,
    setWeeklyHours,
    updateRules,
    // Time off, with the bookings it hits.
    addDaysOff,
    removeDaysOff,
    addHoliday,
    removeHoliday,
    setDayHours,
    clearDayHours,
    blockTime,
    unblockTime,
    // A master's calendar feed.
    issueMasterFeed,
    // The commands that change a booking (docs/booking-commands.md).
    bookAppointment,
    adminBook,
    cancelBooking,
    rescheduleBooking,
    markVisit,
    expireHold,
    recordPayment,
    recordRefund,
    offerSlot,
    acceptOffer,
    passOnOffer,
    joinWaitlist,
    leaveWaitlist,
    // Reminders, invoices and reviews: what a booking sends its client and what they answer.
    sendReminder,
    confirmComing,
    sendInvoice,
    askForReview,
    rateVisit,
    commentOnVisit,
  ],
  composer: bookingComposer,
  api: bookingApi,
  events: bookingEventHandlers,
  segments: bookingSegments,
  hooks: bookingHooks,
  dashboard: bookingCards,
  onStart: seedDemoSalonInSandbox,
});
