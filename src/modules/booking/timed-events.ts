import type { Actor } from "../../platform/audit/use-case.ts";
import type { EventHandler, ModuleContext } from "../../platform/module.ts";
import type { Messenger } from "./client-notice.ts";
import { expireHold } from "./commands/expire-hold.ts";
import { offerSlot } from "./commands/offer-slot.ts";
import { passOnOffer } from "./commands/pass-on-offer.ts";
import { HOLD_EVENT, INVOICE_EVENT } from "./effects/payment-hold.ts";
import { sendInvoice } from "./payments.ts";
import { REMINDER_EVENT, reminderHandler } from "./reminders.ts";
import { REVIEW_EVENT, reviewHandler } from "./reviews.ts";
import { OFFER_EXPIRY_EVENT, SLOT_FREED_EVENT } from "./waitlist.ts";

/** What the booking module's time-bound parts write with: the texts and clock for its use cases, and the module's `runIn` for its commands. */
export type BookingMessenger = Messenger & Pick<ModuleContext, "runIn">;

/** What the booking module's time-bound parts write with, from the module's context. */
export function messengerOf(context: ModuleContext): BookingMessenger {
  const clock = context.clock;
  return {
    translator: context.translator,
    languagesOf: (botId) => context.settings.of(botId).languages,
    now: () => clock.now(),
    ...(context.paymentProviderToken === undefined ? {} : { paymentProviderToken: context.paymentProviderToken }),
    runIn: context.runIn,
  };
}

/**
 * The booking module's time-bound events: reminders, invoices and payment holds, waitlist
 * offers and their expiry, review requests. Each runs its command (or use case) in the tick's
 * transaction, as the job.
 */
export function bookingEventHandlers(messenger: BookingMessenger): Record<string, EventHandler> {
  const job = (botId: string): Actor => ({ botId, personId: null, source: "job" });
  const bookingOf = (payload: unknown) => (payload as { bookingId: number }).bookingId;
  return {
    [REMINDER_EVENT]: reminderHandler(messenger),
    [REVIEW_EVENT]: reviewHandler(messenger),
    [INVOICE_EVENT]: async (trx, event) => {
      await sendInvoice(trx, job(event.bot_id), { messenger, bookingId: bookingOf(event.payload) });
    },
    [HOLD_EVENT]: async (trx, event) => {
      await messenger.runIn(trx, job(event.bot_id), expireHold, { bookingId: bookingOf(event.payload) });
    },
    [SLOT_FREED_EVENT]: async (trx, event) => {
      const payload = event.payload as { masterId: number; start: string };
      await messenger.runIn(trx, job(event.bot_id), offerSlot, { masterId: payload.masterId, start: new Date(payload.start) });
    },
    [OFFER_EXPIRY_EVENT]: async (trx, event) => {
      const payload = event.payload as { entryId: number };
      await messenger.runIn(trx, job(event.bot_id), passOnOffer, { entryId: payload.entryId, why: "expired" });
    },
  };
}

/** {@link bookingEventHandlers} of the module's context: mount as the module's `events`. */
export function bookingTimedEvents(context: ModuleContext): Record<string, EventHandler> {
  return bookingEventHandlers(messengerOf(context));
}
