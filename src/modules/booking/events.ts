import type { Actor } from "../../platform/audit/use-case.ts";
import type { EventHandler, ModuleContext } from "../../platform/module.ts";
import { askForReview } from "./commands/ask-for-review.ts";
import { expireHold } from "./commands/expire-hold.ts";
import { offerSlot } from "./commands/offer-slot.ts";
import { passOnOffer } from "./commands/pass-on-offer.ts";
import { sendInvoice } from "./commands/send-invoice.ts";
import { sendReminder } from "./commands/send-reminder.ts";
import { HOLD_EVENT, INVOICE_EVENT } from "./effects/payment-hold.ts";
import { REMINDER_EVENT } from "./domain/reminders.ts";
import { REVIEW_EVENT } from "./domain/review.ts";
import { OFFER_EXPIRY_EVENT, SLOT_FREED_EVENT } from "./domain/waitlist.ts";

/** What the booking module's time-bound events run their commands with (the module's context in the app). */
export type TimedDeps = Pick<ModuleContext, "runIn" | "translator" | "paymentProviderToken">;

/**
 * The booking module's time-bound events: reminders, invoices and payment holds, waitlist
 * offers and their expiry, review requests. Each runs its command in the tick's transaction, as
 * the job.
 */
export function bookingEventHandlers(deps: TimedDeps): Record<string, EventHandler> {
  const job = (botId: string): Actor => ({ botId, personId: null, source: "job" });
  const bookingOf = (payload: unknown) => (payload as { bookingId: number }).bookingId;
  return {
    [REMINDER_EVENT]: async (trx, event) => {
      const payload = event.payload as { bookingId: number; offsetMin: number; sequence: number };
      await deps.runIn(trx, job(event.bot_id), sendReminder, { bookingId: payload.bookingId, offsetMin: payload.offsetMin, sequence: payload.sequence, dedupeKey: event.dedupe_key });
    },
    [REVIEW_EVENT]: async (trx, event) => {
      await deps.runIn(trx, job(event.bot_id), askForReview, { bookingId: bookingOf(event.payload) });
    },
    [INVOICE_EVENT]: async (trx, event) => {
      const token = deps.paymentProviderToken === undefined ? {} : { providerToken: deps.paymentProviderToken };
      await deps.runIn(trx, job(event.bot_id), sendInvoice, { bookingId: bookingOf(event.payload), translator: deps.translator, ...token });
    },
    [HOLD_EVENT]: async (trx, event) => {
      await deps.runIn(trx, job(event.bot_id), expireHold, { bookingId: bookingOf(event.payload) });
    },
    [SLOT_FREED_EVENT]: async (trx, event) => {
      const payload = event.payload as { masterId: number; start: string };
      await deps.runIn(trx, job(event.bot_id), offerSlot, { masterId: payload.masterId, start: new Date(payload.start) });
    },
    [OFFER_EXPIRY_EVENT]: async (trx, event) => {
      const payload = event.payload as { entryId: number };
      await deps.runIn(trx, job(event.bot_id), passOnOffer, { entryId: payload.entryId, why: "expired" });
    },
  };
}
