import { Composer, InlineKeyboard } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { personName } from "../../../platform/domain/names.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { myBookingsButton, myWaitlistButton, offerSkipButton, offerTakeButton, waitlistJoinButton, waitlistLeaveButton } from "../callbacks.ts";
import { readsOf } from "./support.ts";
import { formatDay, formatVisitTime } from "../domain/display.ts";
import { timeZoneOfLocation } from "../queries/locations.ts";
import { waitlistOfClient, type ClientWaitlistEntry } from "../queries/client-waitlist.ts";
import { acceptOffer } from "../commands/accept-offer.ts";
import { leaveWaitlist } from "../commands/leave-waitlist.ts";
import { passOnOffer } from "../commands/pass-on-offer.ts";
import { joinWaitlist, MAX_LIVE_WAITLIST_ENTRIES } from "../commands/join-waitlist.ts";

/** "HH:MM" of minutes after midnight. */
function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** An entry in one line: "Wednesday, 4 March, 10:00 · Haircut · any master". */
function entryLine(ctx: BotyardContext, entry: ClientWaitlistEntry): string {
  const time = entry.timeMin === null ? ctx.t("booking-waitlist-any-time") : clock(entry.timeMin);
  return `${formatDay(entry.date, ctx.locale)}, ${time} · ${entry.serviceName} · ${entry.masterName ?? ctx.t("booking-waitlist-any-master")}`;
}

/**
 * The waitlist in the bot: joining it from a full day or slot, answering an offer ("Book it" /
 * "No thanks"), and "My waitlist" (from "My bookings"), where the client leaves an entry.
 */
export function waitlistComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();

  onCallback(composer, waitlistJoinButton, async (ctx, { serviceId, masterId, date, timeMin }) => {
    const name = personName(ctx.from.first_name, ctx.from.last_name);
    const outcome = await ctx.run(joinWaitlist, { serviceId, masterId, date, timeMin: timeMin ?? null, name });
    await ctx.answerCallbackQuery();
    if (!outcome.ok) {
      const text = ctx.t(`booking-waitlist-${outcome.reason}`, { max: MAX_LIVE_WAITLIST_ENTRIES });
      if (outcome.reason === "too-many") await ctx.reply(text, { reply_markup: new InlineKeyboard().text(ctx.t("booking-waitlist-mine-button"), myWaitlistButton.data({})) });
      else await ctx.reply(text);
      return;
    }
    await ctx.reply(ctx.t(outcome.already ? "booking-waitlist-already" : "booking-waitlist-joined", { place: outcome.place }));
  });

  onCallback(composer, offerTakeButton, async (ctx, { entryId }) => {
    const outcome = await ctx.run(acceptOffer, { entryId });
    if (!outcome.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t(outcome.reason === "offer-gone" ? "booking-waitlist-offer-gone" : "booking-waitlist-cannot-book"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    const timeZone = (await timeZoneOfLocation(readsOf(context), outcome.booking.locationId)) ?? "UTC";
    const time = formatVisitTime(new Date(outcome.booking.startsAt), ctx.locale, timeZone);
    await ctx.reply(ctx.t(outcome.booking.status === "pending" ? "booking-waitlist-booked-pay" : "booking-waitlist-booked", { time }));
  });

  onCallback(composer, offerSkipButton, async (ctx, { entryId }) => {
    const outcome = await ctx.run(passOnOffer, { entryId, why: "declined" });
    if (!outcome.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-waitlist-offer-gone"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("booking-waitlist-skipped"));
  });
  const showMine = async (ctx: BotyardContext) => {
    const entries = await waitlistOfClient(readsOf(context), ctx.botId, ctx.from?.id ?? 0, context.clock.now());
    const keyboard = new InlineKeyboard();
    for (const entry of entries) keyboard.text(ctx.t("booking-waitlist-leave", { line: entryLine(ctx, entry) }), waitlistLeaveButton.data({ entryId: entry.id })).row();
    keyboard.text(ctx.t("booking-my-bookings"), myBookingsButton.data({}));
    if (entries.length === 0) {
      await ctx.reply(ctx.t("booking-waitlist-mine-empty"), { reply_markup: keyboard });
      return;
    }
    const lines = entries.map((entry) => {
      const line = `• ${entryLine(ctx, entry)}`;
      if (entry.status !== "offered" || entry.offeredStart === null || entry.offerExpiresAt === null) return line;
      const held = { time: formatVisitTime(entry.offeredStart, ctx.locale, entry.timeZone), until: formatVisitTime(entry.offerExpiresAt, ctx.locale, entry.timeZone) };
      return `${line}\n  ${ctx.t("booking-waitlist-mine-offered", held)}`;
    });
    await ctx.reply([ctx.t("booking-waitlist-mine"), ...lines].join("\n"), { reply_markup: keyboard });
  };
  onCallback(composer, myWaitlistButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMine(ctx);
  });

  onCallback(composer, waitlistLeaveButton, async (ctx, { entryId }) => {
    const entry = (await waitlistOfClient(readsOf(context), ctx.botId, ctx.from.id, context.clock.now())).find((candidate) => candidate.id === entryId);
    // Only an entry "My waitlist" lists (live, today or later) can be left here.
    const outcome = entry === undefined ? undefined : await ctx.run(leaveWaitlist, { entryId });
    if (outcome?.ok !== true || entry === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-waitlist-entry-gone"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("booking-waitlist-left", { line: entryLine(ctx, entry) }), { reply_markup: new InlineKeyboard().text(ctx.t("booking-waitlist-mine-button"), myWaitlistButton.data({})) });
  });
  return composer;
}
