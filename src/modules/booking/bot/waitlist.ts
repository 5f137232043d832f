import { Composer, InlineKeyboard } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { personName } from "../../../platform/domain/names.ts";
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";
import { clientActorOf } from "./reminders.ts";
import { readsOf } from "./support.ts";
import { formatDay, formatVisitTime } from "../domain/display.ts";
import { timeZoneOfLocation } from "../queries/locations.ts";
import { waitlistOfClient, type ClientWaitlistEntry } from "../service/client-waitlist.ts";
import { messengerOf } from "../timed-events.ts";
import { acceptOffer } from "../commands/accept-offer.ts";
import { leaveWaitlist } from "../commands/leave-waitlist.ts";
import { passOnOffer } from "../commands/pass-on-offer.ts";
import { joinWaitlist, MAX_LIVE_WAITLIST_ENTRIES, placeInLine } from "../waitlist.ts";

/**
 * Callback data of a "Join the waitlist" button for a full day (no `timeMin`) or one slot, with
 * one master or any (`masterId` null): `bkw:join:<service>:<master or 0>:<date>[:<minutes>]`.
 */
export function waitlistJoinData(serviceId: number, masterId: number | null, date: PlainDate, timeMin?: number): string {
  return `bkw:join:${serviceId}:${masterId ?? 0}:${date}${timeMin === undefined ? "" : `:${timeMin}`}`;
}

/** Callback data of "My waitlist", shown under "My bookings" to a client waiting for a time. */
export const MY_WAITLIST = "bkw:mine";

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
  const messenger = messengerOf(context);

  composer.callbackQuery(/^bkw:join:(\d+):(\d+):(\d{4}-\d{2}-\d{2})(?::(\d+))?$/, async (ctx) => {
    const [, service, master, date, time] = ctx.match;
    const name = personName(ctx.from.first_name, ctx.from.last_name);
    const outcome = await ctx.commit("booking-waitlist-join", async (trx) => {
      const joined = await joinWaitlist(trx, clientActorOf(ctx), {
        serviceId: Number(service),
        masterId: Number(master) === 0 ? null : Number(master),
        date: date ?? "",
        timeMin: time === undefined ? null : Number(time),
        name,
        now: messenger.now(),
      });
      return joined.ok ? { ...joined, place: await placeInLine(trx, ctx.botId, joined.entryId) } : joined;
    });
    await ctx.answerCallbackQuery();
    if (!outcome.ok) {
      const text = ctx.t(`booking-waitlist-${outcome.reason}`, { max: MAX_LIVE_WAITLIST_ENTRIES });
      if (outcome.reason === "too-many") await ctx.reply(text, { reply_markup: new InlineKeyboard().text(ctx.t("booking-waitlist-mine-button"), MY_WAITLIST) });
      else await ctx.reply(text);
      return;
    }
    await ctx.reply(ctx.t(outcome.already ? "booking-waitlist-already" : "booking-waitlist-joined", { place: outcome.place }));
  });

  composer.callbackQuery(/^bkw:take:(\d+)$/, async (ctx) => {
    const entryId = Number(ctx.match[1]);
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

  composer.callbackQuery(/^bkw:skip:(\d+)$/, async (ctx) => {
    const entryId = Number(ctx.match[1]);
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
    for (const entry of entries) keyboard.text(ctx.t("booking-waitlist-leave", { line: entryLine(ctx, entry) }), `bkw:leave:${entry.id}`).row();
    keyboard.text(ctx.t("booking-my-bookings"), "bk:list");
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
  composer.callbackQuery(MY_WAITLIST, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMine(ctx);
  });

  composer.callbackQuery(/^bkw:leave:(\d+)$/, async (ctx) => {
    const entryId = Number(ctx.match[1]);
    const entry = (await waitlistOfClient(readsOf(context), ctx.botId, ctx.from.id, context.clock.now())).find((candidate) => candidate.id === entryId);
    // Only an entry "My waitlist" lists (live, today or later) can be left here.
    const outcome = entry === undefined ? undefined : await ctx.run(leaveWaitlist, { entryId });
    if (outcome?.ok !== true || entry === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-waitlist-entry-gone"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("booking-waitlist-left", { line: entryLine(ctx, entry) }), { reply_markup: new InlineKeyboard().text(ctx.t("booking-waitlist-mine-button"), MY_WAITLIST) });
  });
  return composer;
}
