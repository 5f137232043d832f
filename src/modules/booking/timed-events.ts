import type { EventHandler, ModuleContext } from "../../platform/module.ts";
import type { Messenger } from "./client-notice.ts";
import { paymentHandlers, type PaymentStaff } from "./payments.ts";
import { REMINDER_EVENT, reminderHandler } from "./reminders.ts";
import { REVIEW_EVENT, reviewHandler } from "./reviews.ts";
import { waitlistHandlers } from "./waitlist.ts";

/** The permission whose holders are told about payments to refund. */
const MANAGE = "booking.manage";

/** What the booking module's time-bound parts write with, from the module's context. */
export function messengerOf(context: ModuleContext): Messenger & PaymentStaff {
  const clock = context.clock;
  return {
    translator: context.translator,
    languagesOf: (botId) => context.settings.of(botId).languages,
    now: () => clock.now(),
    ...(context.paymentProviderToken === undefined ? {} : { paymentProviderToken: context.paymentProviderToken }),
    managerRoles: () => context.permissions.roleNames().filter((role) => context.permissions.allows([role], MANAGE)),
  };
}

/**
 * The booking module's time-bound events: reminders, invoices and payment holds, waitlist
 * offers and their expiry, review requests. Mount as the module's `events`.
 */
export function bookingTimedEvents(context: ModuleContext): Record<string, EventHandler> {
  const messenger = messengerOf(context);
  return {
    [REMINDER_EVENT]: reminderHandler(messenger),
    [REVIEW_EVENT]: reviewHandler(messenger),
    ...paymentHandlers(messenger),
    ...waitlistHandlers(messenger),
  };
}
