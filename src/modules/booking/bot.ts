import { Composer } from "grammy";
import type { ModuleContext } from "../../platform/module.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import { adminComposer } from "./bot-admin.ts";
import { bookingFlowComposer } from "./bot-booking.ts";
import { myBookingsComposer } from "./bot-my-bookings.ts";
import { staffComposer } from "./bot-staff.ts";
import { bookingTimedComposer } from "./bot-timed.ts";
import { timeOffComposer } from "./bot-time-off.ts";

/** The booking module in the bot: booking a visit, "My bookings", the time-bound parts (reminders, payments, waitlist, reviews), masters' days, the salon's admin area and time off. */
export function bookingComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  composer.use(bookingFlowComposer(context), myBookingsComposer(context), bookingTimedComposer(context));
  composer.use(staffComposer(context), adminComposer(context), timeOffComposer(context));
  return composer;
}
