import { Composer } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { adminComposer } from "./admin.ts";
import { bookingFlowComposer } from "./booking.ts";
import { masterLinkComposer } from "./master-link.ts";
import { myBookingsComposer } from "./my-bookings.ts";
import { staffComposer } from "./staff.ts";
import { bookingTimedComposer } from "./timed.ts";
import { timeOffComposer } from "./time-off.ts";

/** The booking module in the bot: booking a visit, "My bookings", the time-bound parts (reminders, payments, waitlist, reviews), masters' days, the salon's admin area and time off. */
export function bookingComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  composer.use(bookingFlowComposer(context), myBookingsComposer(context), bookingTimedComposer(context));
  composer.use(staffComposer(context), masterLinkComposer(context), adminComposer(context), timeOffComposer(context));
  return composer;
}
