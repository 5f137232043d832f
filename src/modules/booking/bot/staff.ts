import { Composer, InlineKeyboard } from "grammy";
import { addDays, instantToZoned, zonedDay, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { markDoneButton, markNoShowButton, ownDayButton, ownFeedButton, ownWeekButton } from "../callbacks.ts";
import { readsOf } from "./support.ts";
import { formatClockTime, formatDay } from "../domain/display.ts";
import { feedUrl } from "../feed-tokens.ts";
import type { Tables } from "../tables.ts";
import { markVisit } from "../commands/mark-visit.ts";
import { issueMasterFeed } from "../commands/issue-master-feed.ts";
import { bookingsBetween, masterOfPerson, staffBooking, type StaffBooking, type StaffMaster } from "../queries/staff-calendar.ts";
import type { Kysely } from "kysely";
import { senderActor } from "../../../platform/telegram/sender-actor.ts";

const WEEK_DAYS = 7;

/** A booking as one line of a staff schedule: time, service, client and phone, status. */
export function staffLine(ctx: BotyardContext, booking: StaffBooking): string {
  return ctx.t("booking-staff-line", {
    time: formatClockTime(booking.startsAt, ctx.locale, booking.timeZone),
    service: booking.serviceName,
    client: booking.clientName,
    phone: booking.clientPhone ?? "—",
    status: ctx.t("booking-status", { status: booking.status }),
  });
}

/** The days from `from` on, each with its bookings, as one message with a mark button pair per confirmed visit. */
async function scheduleMessage(db: Kysely<Tables>, ctx: BotyardContext, master: StaffMaster, from: PlainDate, days: number) {
  const to = addDays(from, days - 1);
  const bookings = await bookingsBetween(db, ctx.botId, { start: zonedDay(from, master.timeZone).start, end: zonedDay(to, master.timeZone).end }, { masterId: master.id });
  const keyboard = new InlineKeyboard();
  for (const booking of bookings.filter((candidate) => candidate.status === "confirmed")) {
    const time = formatClockTime(booking.startsAt, ctx.locale, booking.timeZone);
    const day = days > 1 ? `${formatDay(instantToZoned(new Date(booking.startsAt), booking.timeZone).date, ctx.locale)} ` : "";
    keyboard.text(ctx.t("booking-staff-mark-done", { time: `${day}${time}` }), markDoneButton.data({ bookingId: booking.id })).text(ctx.t("booking-staff-mark-no-show", { time }), markNoShowButton.data({ bookingId: booking.id })).row();
  }
  keyboard.text(ctx.t(days === 1 ? "booking-staff-menu-week" : "booking-staff-menu-day"), (days === 1 ? ownWeekButton : ownDayButton).data({}));
  if (days === 1) {
    if (bookings.length === 0) return { text: ctx.t("booking-staff-day-empty", { day: formatDay(from, ctx.locale) }), keyboard };
    return { text: [ctx.t("booking-staff-day-title", { day: formatDay(from, ctx.locale) }), ...bookings.map((booking) => `• ${staffLine(ctx, booking)}`)].join("\n"), keyboard };
  }
  const span = { from: formatDay(from, ctx.locale), to: formatDay(to, ctx.locale) };
  if (bookings.length === 0) return { text: ctx.t("booking-staff-week-empty", span), keyboard };
  const lines = [ctx.t("booking-staff-week-title", span)];
  for (let offset = 0; offset < days; offset++) {
    const date = addDays(from, offset);
    const ofDay = bookings.filter((booking) => instantToZoned(new Date(booking.startsAt), booking.timeZone).date === date);
    if (ofDay.length === 0) continue;
    lines.push("", formatDay(date, ctx.locale), ...ofDay.map((booking) => `• ${staffLine(ctx, booking)}`));
  }
  return { text: lines.join("\n"), keyboard };
}

/**
 * The masters' side of the bot (holders of `booking.own-day` linked to a master record): "My day"
 * and "My week" in the location's time zone, marking a visit done or a no-show once it began,
 * and the secret address of their calendar feed.
 */
export function staffComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const db = readsOf(context);
  const ownDay = requirePermission("booking.own-day");

  /** The master behind this chat, or a reply saying there is none. */
  const masterOf = async (ctx: BotyardContext): Promise<StaffMaster | undefined> => {
    const master = await masterOfPerson(db, ctx.botId, ctx.from?.id ?? 0);
    if (master === undefined) await ctx.reply(ctx.t("booking-staff-not-master"));
    return master;
  };

  const show = (days: number) => async (ctx: BotyardContext) => {
    if (ctx.callbackQuery !== undefined) await ctx.answerCallbackQuery();
    const master = await masterOf(ctx);
    if (master === undefined) return;
    const today = instantToZoned(context.clock.now(), master.timeZone).date;
    const { text, keyboard } = await scheduleMessage(db, ctx, master, today, days);
    await ctx.reply(text, { reply_markup: keyboard });
  };
  privateChats.command("myday", ownDay, show(1));
  privateChats.command("myweek", ownDay, show(WEEK_DAYS));
  onCallback(privateChats, ownDayButton, show(1), ownDay);
  onCallback(privateChats, ownWeekButton, show(WEEK_DAYS), ownDay);

  const mark = (how: "done" | "no_show") => async (ctx: BotyardContext, { bookingId }: { bookingId: number }) => {
    await ctx.answerCallbackQuery();
    const master = await masterOf(ctx);
    if (master === undefined) return;
    // A master marks their own visits only.
    const own = (await staffBooking(db, ctx.botId, bookingId))?.masterId === master.id;
    const outcome = own ? await ctx.run(markVisit, { bookingId, outcome: how }) : ({ ok: false, reason: "not-yours" } as const);
    const booking = await staffBooking(db, ctx.botId, bookingId);
    const time = booking === undefined ? "—" : formatClockTime(booking.startsAt, ctx.locale, booking.timeZone);
    if (outcome.ok) {
      await ctx.reply(ctx.t("booking-staff-marked", { time, client: booking?.clientName ?? "—", status: ctx.t("booking-status", { status: outcome.booking.status }) }));
      return;
    }
    switch (outcome.reason) {
      case "visit-not-started":
        await ctx.reply(ctx.t("booking-staff-refused-not-started", { time }));
        return;
      case "not-confirmed":
        await ctx.reply(ctx.t("booking-staff-refused-not-confirmed", { time }));
        return;
      case "not-yours":
      case "not-found":
        await ctx.reply(ctx.t("booking-staff-refused-not-yours"));
        return;
      default:
        await ctx.reply(ctx.t("booking-staff-refused-final", { time }));
    }
  };
  onCallback(privateChats, markDoneButton, mark("done"), ownDay);
  onCallback(privateChats, markNoShowButton, mark("no_show"), ownDay);

  onCallback(privateChats, ownFeedButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    // Not through ctx.run: its journal would keep the secret in the database.
    const issued = await context.run(senderActor(ctx), issueMasterFeed, {});
    if (!issued.ok) {
      await ctx.reply(ctx.t("booking-staff-not-master"));
      return;
    }
    await ctx.reply(ctx.t("booking-staff-feed", { url: feedUrl(context.publicUrl(), issued.secret) }), { link_preview_options: { is_disabled: true } });
  }, ownDay);
  return composer;
}
