import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { formatMoney } from "../../../platform/domain/money.ts";
import { onCallback, type CallbackData } from "../../../platform/telegram/callback-data.ts";
import { bookButton, cancelMineButton, cancelMineYesButton, icsButton, moveMineButton, myBookingButton, myBookingsButton, myBookingsMenuButton, myWaitlistButton } from "../callbacks.ts";
import { startMove } from "./booking.ts";
import { bookingRefusalText } from "./refusals.ts";
import { readsOf } from "./support.ts";
import { mayClientCancel } from "../domain/cancellation.ts";
import { formatVisitTime } from "../domain/display.ts";
import { BOOKING_PRODID, calendarOf, eventOf } from "../domain/ical.ts";
import { rulesOfService } from "../queries/rules.ts";
import { cancelBooking } from "../commands/cancel-booking.ts";
import { bookingOfClient, bookingsOfClient, type ClientBooking } from "../queries/client-bookings.ts";
import { waitlistOfClient } from "../queries/client-waitlist.ts";

/** Whether the client may still change the booking (cancel, move, or see those buttons). */
function isUpcoming(booking: ClientBooking, now: Date): boolean {
  return (booking.status === "pending" || booking.status === "confirmed") && Date.parse(booking.startsAt) > now.getTime();
}

/** A booking in one line: "Wed, 4 March 2026, 10:30 · Haircut · Anna". */
function lineOf(ctx: BotyardContext, booking: ClientBooking): string {
  return `${formatVisitTime(new Date(booking.startsAt), ctx.locale, booking.timeZone)} · ${booking.serviceName} · ${booking.masterName}`;
}

/** The booking as an `.ics` file's text, in the client's language. */
export function icsOf(ctx: BotyardContext, booking: ClientBooking): string {
  const event = eventOf({
    bookingId: String(booking.id),
    botId: ctx.botId,
    start: new Date(booking.startsAt),
    end: new Date(booking.endsAt),
    status: booking.status,
    sequence: booking.sequence,
    serviceName: booking.serviceName,
    masterName: booking.masterName,
    ...(booking.address === null ? {} : { address: booking.address }),
    description: ctx.t("booking-ics-description", { price: formatMoney(booking.priceMinor, booking.currency, ctx.locale) }),
    revisedAt: new Date(booking.updatedAt),
  });
  return calendarOf([event], { name: booking.serviceName, prodId: BOOKING_PRODID, timeZone: booking.timeZone });
}

/**
 * "My bookings": the client's upcoming and recent bookings; a booking's details with its `.ics`
 * file, Cancel (inside the cancel window; outside it, the deadline that passed) and Reschedule;
 * "My waitlist" when the client waits for a time.
 */
export function myBookingsComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const db = readsOf(context);

  const list = async (ctx: BotyardContext) => {
    const now = context.clock.now();
    const { upcoming, recent } = await bookingsOfClient(db, ctx.botId, ctx.from?.id ?? 0, now);
    const waiting = (await waitlistOfClient(db, ctx.botId, ctx.from?.id ?? 0, now)).length;
    const waitlistButton = (keyboard: InlineKeyboard) => (waiting === 0 ? keyboard : keyboard.row().text(ctx.t("booking-waitlist-mine-button-count", { count: waiting }), myWaitlistButton.data({})));
    if (upcoming.length === 0 && recent.length === 0) {
      await ctx.reply(ctx.t("booking-mine-empty"), { reply_markup: waitlistButton(new InlineKeyboard().text(ctx.t("booking-menu-book"), bookButton.data({}))) });
      return;
    }
    const lines = [ctx.t(upcoming.length === 0 ? "booking-mine-none-upcoming" : "booking-mine-upcoming")];
    lines.push(...upcoming.map((booking) => `• ${lineOf(ctx, booking)}`));
    if (recent.length > 0) {
      lines.push("", ctx.t("booking-mine-recent"));
      lines.push(...recent.map((booking) => `• ${lineOf(ctx, booking)} — ${ctx.t("booking-status", { status: booking.status })}`));
    }
    const keyboard = new InlineKeyboard();
    for (const booking of upcoming) keyboard.text(lineOf(ctx, booking), myBookingButton.data({ bookingId: booking.id })).row();
    keyboard.text(ctx.t("booking-menu-book"), bookButton.data({}));
    await ctx.reply(lines.join("\n"), { reply_markup: waitlistButton(keyboard) });
  };
  privateChats.command("mybookings", list);
  for (const kind of [myBookingsMenuButton, myBookingsButton]) {
    onCallback(privateChats, kind, async (ctx) => {
      await ctx.answerCallbackQuery();
      await list(ctx);
    });
  }

  /** One of the client's own bookings' buttons; a booking that is not theirs (or gone) is "not found". */
  const onOwnBooking = (kind: CallbackData<{ bookingId: number }>, handler: (ctx: BotyardContext, booking: ClientBooking, upcoming: boolean, now: Date) => Promise<unknown>) =>
    onCallback(privateChats, kind, async (ctx, { bookingId }) => {
      const booking = await bookingOfClient(db, ctx.botId, ctx.from.id, bookingId);
      if (booking === undefined) {
        await ctx.answerCallbackQuery({ text: ctx.t("booking-not-found") });
        return;
      }
      const now = context.clock.now();
      await handler(ctx, booking, isUpcoming(booking, now), now);
    });

  onOwnBooking(myBookingButton, async (ctx, booking, upcoming) => {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard().text(ctx.t("booking-add-to-calendar"), icsButton.data({ bookingId: booking.id })).row();
    if (upcoming) keyboard.text(ctx.t("booking-reschedule"), moveMineButton.data({ bookingId: booking.id })).text(ctx.t("booking-cancel-booking"), cancelMineButton.data({ bookingId: booking.id })).row();
    keyboard.text(ctx.t("booking-my-bookings"), myBookingsButton.data({}));
    await ctx.reply(
      ctx.t("booking-details", {
        service: booking.serviceName,
        master: booking.masterName,
        when: formatVisitTime(new Date(booking.startsAt), ctx.locale, booking.timeZone),
        price: formatMoney(booking.priceMinor, booking.currency, ctx.locale),
        address: booking.address ?? "—",
        status: ctx.t("booking-status", { status: booking.status }),
      }),
      { reply_markup: keyboard },
    );
  });

  onOwnBooking(icsButton, async (ctx, booking) => {
    await ctx.answerCallbackQuery();
    await ctx.replyWithDocument(new InputFile(Buffer.from(icsOf(ctx, booking), "utf8"), `booking-${booking.id}.ics`), {
      caption: ctx.t("booking-ics-caption"),
    });
  });

  onOwnBooking(moveMineButton, async (ctx, booking, upcoming) => {
    await ctx.answerCallbackQuery();
    if (!upcoming) {
      await ctx.reply(ctx.t("booking-not-found"));
      return;
    }
    await startMove(context, ctx, booking);
  });

  onOwnBooking(cancelMineButton, async (ctx, booking, upcoming, now) => {
    await ctx.answerCallbackQuery();
    const rules = await rulesOfService(db, ctx.botId, booking.serviceId);
    const window = mayClientCancel({ now, visitStart: new Date(booking.startsAt), rules });
    if (!upcoming || !window.ok) {
      await ctx.reply(upcoming ? bookingRefusalText(ctx, "cancel-window-closed", rules, booking) : ctx.t("booking-not-found"));
      return;
    }
    await ctx.reply(ctx.t("booking-cancel-ask", { line: lineOf(ctx, booking) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("booking-cancel-yes"), cancelMineYesButton.data({ bookingId: booking.id })).text(ctx.t("booking-cancel-keep"), myBookingButton.data({ bookingId: booking.id })),
    });
  });

  onOwnBooking(cancelMineYesButton, async (ctx, booking) => {
    await ctx.answerCallbackQuery();
    const outcome = await ctx.run(cancelBooking, { bookingId: booking.id, by: "client" });
    if (outcome.ok) {
      await ctx.reply(ctx.t("booking-cancelled", { line: lineOf(ctx, booking) }));
      return;
    }
    await ctx.reply(bookingRefusalText(ctx, outcome.reason, await rulesOfService(db, ctx.botId, booking.serviceId), booking));
  });
  return composer;
}
