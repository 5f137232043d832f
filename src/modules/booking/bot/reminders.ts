import { Composer } from "grammy";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { reminderCancelButton, reminderComeButton } from "../callbacks.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { cancelBooking } from "../commands/cancel-booking.ts";
import { confirmComing } from "../commands/confirm-coming.ts";

/** A reminder's buttons: "I'll come" notes it in the booking's history; "Cancel" cancels as the client, within the cancel window (the master is told, as from My bookings). */
export function remindersComposer(): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();

  onCallback(composer, reminderComeButton, async (ctx, { bookingId }) => {
    const outcome = await ctx.run(confirmComing, { bookingId });
    if (!outcome.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-reminder-gone"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t("booking-coming-thanks") });
    await ctx.editMessageReplyMarkup();
  });

  onCallback(composer, reminderCancelButton, async (ctx, { bookingId }) => {
    const outcome = await ctx.run(cancelBooking, { bookingId, by: "client" });
    if (!outcome.ok) {
      const key = outcome.reason === "cancel-window-closed" ? "booking-reminder-cancel-too-late" : "booking-reminder-gone";
      await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("booking-reminder-cancelled"));
  });
  return composer;
}
