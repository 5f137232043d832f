import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../platform/audit/use-case.ts";
import type { EventHandler } from "../../platform/module.ts";
import { clientView, queueMessage, type ClientView, type Messenger } from "./client-notice.ts";
import { reminderCancelButton, reminderComeButton } from "./callbacks.ts";
import { historyOf, lockBooking, type Tables } from "./repo.ts";
import { bookingToChange, recordChange } from "./service/changes.ts";

type Trx = Transaction<Tables>;

/** The scheduled event kind of a reminder. */
export const REMINDER_EVENT = "booking.reminder";


/**
 * The key of one reminder of one version of a booking. The booking's sequence is in it, so a
 * move schedules new reminders under new keys and the old ones are removed, never re-timed: a
 * reminder already sent for the old time does not stop the one for the new time.
 */
export function reminderKey(bookingId: number, offsetMin: number, sequence: number): string {
  return `booking:${bookingId}:reminder:${offsetMin}:${sequence}`;
}

interface ReminderPayload {
  bookingId: number;
  offsetMin: number;
  sequence: number;
}

/**
 * Sends one reminder through the outbox to the client, in their language with the visit's
 * local time, with "I'll come" and "Cancel" buttons. The outbox key is the event's key, so a
 * retried tick queues nothing twice. A booking cancelled, moved (another sequence) or already
 * over gets nothing.
 */
export const sendReminder = defineUseCase(
  "booking.reminder.send",
  async (trx: Trx, actor: Actor, input: { messenger: Messenger; payload: ReminderPayload; dedupeKey: string }): Promise<UseCaseOutcome<{ sent: boolean }>> => {
    const booking = await lockBooking(trx, actor.botId, input.payload.bookingId);
    if (booking?.status !== "confirmed" || booking.sequence !== input.payload.sequence) return { result: { sent: false }, audit: null };
    if (booking.starts_at.getTime() <= input.messenger.now().getTime()) return { result: { sent: false }, audit: null };
    const client = await clientView(trx, input.messenger, booking);
    if (client === undefined) return { result: { sent: false }, audit: null };
    const sent = await queueMessage(trx, {
      botId: booking.bot_id,
      chatId: client.telegramId,
      text: reminderText(client, input.payload.offsetMin),
      dedupeKey: input.dedupeKey,
      buttons: [
        [
          { text: client.t("booking-reminder-come"), callback_data: reminderComeButton.data({ bookingId: booking.id }) },
          { text: client.t("booking-reminder-cancel"), callback_data: reminderCancelButton.data({ bookingId: booking.id }) },
        ],
      ],
    });
    return {
      result: { sent },
      audit: { objectType: "booking", objectId: booking.id, after: { reminder: input.dedupeKey, offsetMin: input.payload.offsetMin } },
    };
  },
);

/** "in 2 hours" for whole hours, "in 30 min" otherwise. */
function reminderText(client: ClientView, offsetMin: number): string {
  return offsetMin % 60 === 0 ? client.t("booking-reminder", { hours: offsetMin / 60 }) : client.t("booking-reminder-minutes", { minutes: offsetMin });
}

/** The event handler of {@link REMINDER_EVENT}. */
export function reminderHandler(messenger: Messenger): EventHandler {
  return async (trx, event) => {
    const actor: Actor = { botId: event.bot_id, personId: null, source: "job" };
    await sendReminder(trx, actor, { messenger, payload: event.payload as unknown as ReminderPayload, dedupeKey: event.dedupe_key });
  };
}

export type ComingOutcome = { ok: true; already: boolean } | { ok: false; reason: "not-found" | "not-confirmed" };

/**
 * The client answers a reminder with "I'll come": recorded once per visit time in the booking's
 * history (a second press changes nothing). Only a confirmed booking of their own.
 */
export const confirmComing = defineUseCase(
  "booking.coming",
  async (trx: Trx, actor: Actor, input: { bookingId: number; now: Date }): Promise<UseCaseOutcome<ComingOutcome>> => {
    const booking = await bookingToChange(trx, actor, input.bookingId, "client");
    if (booking === undefined) return { result: { ok: false, reason: "not-found" }, audit: null };
    if (booking.status !== "confirmed") return { result: { ok: false, reason: "not-confirmed" }, audit: null };
    const history = await historyOf(trx, booking.id);
    const already = history.some((row) => row.event === "coming" && row.to_starts_at.getTime() === booking.starts_at.getTime());
    if (already) return { result: { ok: true, already: true }, audit: null };
    await recordChange(trx, actor, input.now, "coming", booking, booking);
    await trx.updateTable("booking").set({ updated_at: sql`now()` }).where("id", "=", booking.id).execute();
    return { result: { ok: true, already: false }, audit: { objectType: "booking", objectId: booking.id, after: { coming: true } } };
  },
);
