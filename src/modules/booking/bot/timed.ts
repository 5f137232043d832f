import { Composer } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { paymentsComposer } from "./payments.ts";
import { remindersComposer } from "./reminders.ts";
import { reviewsComposer } from "./reviews.ts";
import { waitlistComposer } from "./waitlist.ts";

/** The booking module's time-bound parts in the bot: reminders' buttons, payments, waitlist offers, reviews. */
export function bookingTimedComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  composer.use(remindersComposer(), paymentsComposer(context), waitlistComposer(context), reviewsComposer());
  return composer;
}
