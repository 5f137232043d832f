import { Composer } from "grammy";
import type { Transaction } from "kysely";
import type { ModuleContext } from "../../platform/module.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import { clientActorOf } from "./bot-reminders.ts";
import { formatVisitTime } from "./domain/display.ts";
import type { PlainDate } from "./domain/zoned-time.ts";
import type { Tables } from "./repo.ts";
import { messengerOf } from "./timed-events.ts";
import { acceptOffer, joinWaitlist, passOnOffer, placeInLine } from "./waitlist.ts";

type Trx = Transaction<Tables>;

/**
 * Callback data of a "Join the waitlist" button for a full day (no `timeMin`) or one slot, with
 * one master or any (`masterId` null): `bkw:join:<service>:<master or 0>:<date>[:<minutes>]`.
 */
export function waitlistJoinData(serviceId: number, masterId: number | null, date: PlainDate, timeMin?: number): string {
  return `bkw:join:${serviceId}:${masterId ?? 0}:${date}${timeMin === undefined ? "" : `:${timeMin}`}`;
}

/** The waitlist in the bot: joining it from a full day or slot, and answering an offer ("Book it" / "No thanks"). */
export function waitlistComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const messenger = messengerOf(context);

  composer.callbackQuery(/^bkw:join:(\d+):(\d+):(\d{4}-\d{2}-\d{2})(?::(\d+))?$/, async (ctx) => {
    const [, service, master, date, time] = ctx.match;
    const name = [ctx.from.first_name, ctx.from.last_name].filter(Boolean).join(" ");
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
      await ctx.reply(ctx.t(`booking-waitlist-${outcome.reason}`));
      return;
    }
    await ctx.reply(ctx.t(outcome.already ? "booking-waitlist-already" : "booking-waitlist-joined", { place: outcome.place }));
  });

  composer.callbackQuery(/^bkw:take:(\d+)$/, async (ctx) => {
    const entryId = Number(ctx.match[1]);
    const outcome = await ctx.commit("booking-waitlist-take", async (trx) => {
      const taken = await acceptOffer(trx, clientActorOf(ctx), { entryId, now: messenger.now() });
      if (!taken.ok) return taken;
      const place = await (trx as unknown as Trx).selectFrom("booking_location").select("time_zone").where("id", "=", taken.booking.locationId).executeTakeFirstOrThrow();
      return { ...taken, timeZone: place.time_zone };
    });
    if (!outcome.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t(outcome.reason === "offer-gone" ? "booking-waitlist-offer-gone" : "booking-waitlist-cannot-book"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    const time = formatVisitTime(new Date(outcome.booking.startsAt), ctx.locale, outcome.timeZone);
    await ctx.reply(ctx.t(outcome.booking.status === "pending" ? "booking-waitlist-booked-pay" : "booking-waitlist-booked", { time }));
  });

  composer.callbackQuery(/^bkw:skip:(\d+)$/, async (ctx) => {
    const entryId = Number(ctx.match[1]);
    const outcome = await ctx.commit("booking-waitlist-skip", (trx) => passOnOffer(trx as unknown as Trx, clientActorOf(ctx), { entryId, messenger, why: "declined" }));
    if (!outcome.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("booking-waitlist-offer-gone"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("booking-waitlist-skipped"));
  });
  return composer;
}
