import { Composer } from "grammy";
import type { ModuleContext } from "../../platform/module.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import { adminComposer } from "./bot-admin.ts";
import { bookingFlowComposer } from "./bot-booking.ts";
import { myBookingsComposer } from "./bot-my-bookings.ts";
import { staffComposer } from "./bot-staff.ts";
import { bookingTimedComposer } from "./bot-timed.ts";

/** The booking module in the bot: booking a visit, "My bookings", the time-bound parts (reminders, payments, waitlist, reviews), masters' days and the salon's admin area. */
export function bookingComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  composer.use(bookingFlowComposer(context), myBookingsComposer(context), bookingTimedComposer(context));
  composer.use(staffComposer(context), adminComposer(context));
  return composer;
}
