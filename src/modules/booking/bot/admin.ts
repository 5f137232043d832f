import { Composer, InlineKeyboard } from "grammy";
import { addDays, datesOfMonth, instantToZoned, zonedDay, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { adminCancelButton, adminCancelYesButton, adminDayButton, adminHomeButton, adminMonthButton, adminMoveButton, adminNewButton, adminNothingButton, mastersButton, rulesButton, servicesButton } from "../callbacks.ts";
import { adminBookingComposer } from "./admin-book.ts";
import { adminCatalogueComposer } from "./admin-catalogue.ts";
import { adminEditsComposer } from "./admin-edits.ts";
import { adminRefusalText, ADMIN_HOME, dayData, MAX_BOOKINGS_WITH_BUTTONS } from "./admin-texts.ts";
import { calendarKeyboard } from "./calendar.ts";
import { staffLine } from "./staff.ts";
import { readsOf } from "./support.ts";
import { formatClockTime, formatDay, formatVisitTime } from "../domain/display.ts";
import { cancelBooking } from "../commands/cancel-booking.ts";
import { bookingsBetween, mastersOfBot, staffBooking, type StaffBooking } from "../queries/staff-calendar.ts";

/** Room under Telegram's 4096 characters for the day's heading and the hint. */
const MAX_DAY_TEXT = 3800;
const TELEGRAM_TEXT_LIMIT = 4096;
const MAX_BUTTONS = 100;

function changeable(booking: StaffBooking): boolean {
  return booking.status === "pending" || booking.status === "confirmed";
}

/**
 * The salon's admin area in the bot (permission `booking.manage`; every handler guarded, since a
 * button's data can be forged): a day's bookings of every master with Cancel (after a confirm
 * step) and Move, a new booking for a client, and the catalogue (services, masters, rules). Each
 * booking change is a command, which tells the master and the client itself.
 */
export function adminComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const manage = requirePermission("booking.manage");
  const db = readsOf(context);

  const home = async (ctx: BotyardContext) => {
    if (ctx.callbackQuery !== undefined) await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard()
      .text(ctx.t("booking-admin-today"), adminDayButton.data({}))
      .row()
      .text(ctx.t("booking-admin-new"), adminNewButton.data({}))
      .row()
      .text(ctx.t("booking-admin-services"), servicesButton.data({}))
      .text(ctx.t("booking-admin-masters"), mastersButton.data({}))
      .text(ctx.t("booking-admin-rules"), rulesButton.data({}));
    await ctx.reply(ctx.t("booking-admin-title"), { reply_markup: keyboard });
  };
  privateChats.command("salon", manage, home);
  onCallback(privateChats, adminHomeButton, home, manage);

  /** The zone the salon's "today" is meant in: its (first) location's. */
  const timeZoneOf = async (ctx: BotyardContext): Promise<string> => {
    const masters = await mastersOfBot(db, ctx.botId);
    return masters.find((master) => master.active)?.timeZone ?? masters[0]?.timeZone ?? context.settings.of(ctx.botId).timeZone;
  };

  /**
   * A day's bookings by master, with Cancel and Move for those still open, and a button per master
   * for their bookings alone. A day too long for one message (or for Telegram's 100 buttons) shows
   * only the masters' buttons with their counts.
   */
  const showDay = async (ctx: BotyardContext, date: PlainDate | undefined, masterId: number | undefined) => {
    const timeZone = await timeZoneOf(ctx);
    const today = instantToZoned(context.clock.now(), timeZone).date;
    const day = date ?? today;
    const all = await bookingsBetween(db, ctx.botId, zonedDay(day, timeZone));
    const bookings = masterId === undefined ? all : all.filter((booking) => booking.masterId === masterId);
    const masters = [...new Map(all.map((booking) => [booking.masterId, booking.masterName])).entries()];
    const heading = masterId === undefined ? formatDay(day, ctx.locale) : `${formatDay(day, ctx.locale)}, ${masters.find(([id]) => id === masterId)?.[1] ?? "—"}`;
    const lines = [ctx.t("booking-admin-day-title", { day: heading })];
    for (const [id, name] of masters.filter(([id]) => masterId === undefined || id === masterId)) {
      lines.push("", name, ...bookings.filter((booking) => booking.masterId === id).map((booking) => `• ${staffLine(ctx, booking)}`));
    }
    const open = bookings.filter(changeable);
    const byMaster = masterId === undefined && masters.length > 1 ? masters : [];
    // Telegram takes 100 buttons: the day's moves, the masters, and two a booking.
    const room = Math.min(MAX_BOOKINGS_WITH_BUTTONS, Math.floor((MAX_BUTTONS - byMaster.length - 7) / 2));
    const compact = masterId === undefined && (lines.join("\n").length > MAX_DAY_TEXT || open.length > room);

    const keyboard = new InlineKeyboard();
    if (!compact) {
      for (const booking of open.slice(0, room)) {
        const label = `${formatClockTime(booking.startsAt, ctx.locale, booking.timeZone)} ${booking.clientName}`;
        keyboard.text(ctx.t("booking-admin-cancel-button", { label }), adminCancelButton.data({ bookingId: booking.id })).text(ctx.t("booking-admin-move-button", { label }), adminMoveButton.data({ bookingId: booking.id })).row();
      }
    }
    byMaster.forEach(([id, name], index) => {
      keyboard.text(ctx.t("booking-admin-day-master", { name, count: all.filter((booking) => booking.masterId === id).length }), dayData(day, id));
      if (index % 2 === 1 || index === byMaster.length - 1) keyboard.row();
    });
    keyboard
      .text("‹", dayData(addDays(day, -1), masterId))
      .text(ctx.t("booking-admin-today-short"), dayData(today, masterId))
      .text("📅", adminMonthButton.data({ month: day.slice(0, 7) }))
      .text("›", dayData(addDays(day, 1), masterId))
      .row();
    if (masterId !== undefined) keyboard.text(ctx.t("booking-admin-all-masters"), dayData(day)).row();
    keyboard.text(ctx.t("booking-admin-new"), adminNewButton.data({})).text(ctx.t("booking-admin-home"), ADMIN_HOME);
    if (bookings.length === 0) {
      await ctx.reply(ctx.t("booking-admin-day-empty", { day: heading }), { reply_markup: keyboard });
      return;
    }
    const text = compact ? [lines[0], ctx.t("booking-admin-day-too-long")].join("\n") : lines.join("\n").slice(0, TELEGRAM_TEXT_LIMIT);
    await ctx.reply(text, { reply_markup: keyboard });
  };

  onCallback(privateChats, adminDayButton, async (ctx, { date, masterId }) => {
    await ctx.answerCallbackQuery();
    await showDay(ctx, date, masterId);
  }, manage);

  /** A month to pick a day from: a day with bookings reads "12·". */
  onCallback(privateChats, adminMonthButton, async (ctx, { month }) => {
    const dates = datesOfMonth(month);
    const first = dates[0];
    const last = dates.at(-1);
    if (first === undefined || last === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await ctx.answerCallbackQuery();
    const timeZone = await timeZoneOf(ctx);
    const bookings = await bookingsBetween(db, ctx.botId, { start: zonedDay(first, timeZone).start, end: zonedDay(last, timeZone).end });
    const booked = new Set(bookings.map((booking) => instantToZoned(new Date(booking.startsAt), booking.timeZone).date));
    const keyboard = calendarKeyboard({
      month,
      markers: dates.map((date) => ({ date, load: booked.has(date) ? "busy" : "free" })),
      locale: ctx.locale,
      previous: true,
      next: true,
      // Here a day opens its bookings and a month another calendar.
      buttons: { day: (date) => dayData(date), month: (other) => adminMonthButton.data({ month: other }), full: () => adminNothingButton.data({}), none: () => adminNothingButton.data({}) },
    });
    await ctx.reply(ctx.t("booking-admin-pick-day"), { reply_markup: keyboard.row().text(ctx.t("booking-admin-home"), ADMIN_HOME) });
  }, manage);
  onCallback(privateChats, adminNothingButton, (ctx) => ctx.answerCallbackQuery(), manage);

  const describe = (ctx: BotyardContext, booking: StaffBooking) =>
    ctx.t("booking-admin-booking", {
      client: booking.clientName,
      phone: booking.clientPhone ?? "—",
      service: booking.serviceName,
      master: booking.masterName,
      when: formatVisitTime(new Date(booking.startsAt), ctx.locale, booking.timeZone),
    });

  onCallback(privateChats, adminCancelButton, async (ctx, { bookingId }) => {
    await ctx.answerCallbackQuery();
    const booking = await staffBooking(db, ctx.botId, bookingId);
    if (booking === undefined || !changeable(booking)) {
      await ctx.reply(ctx.t("booking-admin-not-changeable"));
      return;
    }
    const date = instantToZoned(new Date(booking.startsAt), booking.timeZone).date;
    await ctx.reply(ctx.t("booking-admin-cancel-ask", { booking: describe(ctx, booking) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("booking-cancel-yes"), adminCancelYesButton.data({ bookingId: booking.id, sequence: booking.sequence })).text(ctx.t("booking-cancel-keep"), dayData(date)),
    });
  }, manage);

  onCallback(privateChats, adminCancelYesButton, async (ctx, { bookingId, sequence }) => {
    await ctx.answerCallbackQuery();
    // The question named the booking as it was; moved since, it is asked again rather than cancelled unseen.
    const outcome = await ctx.run(cancelBooking, { bookingId, by: "staff", seenSequence: sequence });
    const booking = await staffBooking(db, ctx.botId, bookingId);
    const date = booking === undefined ? undefined : instantToZoned(new Date(booking.startsAt), booking.timeZone).date;
    const backToDay = date === undefined ? undefined : new InlineKeyboard().text(ctx.t("booking-admin-show-day", { day: formatDay(date, ctx.locale) }), dayData(date));
    const text = outcome.ok
      ? ctx.t("booking-admin-cancelled", { booking: booking === undefined ? "—" : describe(ctx, booking) })
      : outcome.reason === "changed"
        ? ctx.t("booking-admin-changed-meanwhile")
        : adminRefusalText(ctx, outcome.reason);
    await ctx.reply(text, backToDay === undefined ? {} : { reply_markup: backToDay });
  }, manage);

  composer.use(adminBookingComposer(context), adminCatalogueComposer(context), adminEditsComposer(context));
  return composer;
}
