import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { endFlow, flowKeyOf } from "../../../platform/telegram/flows.ts";
import { defineFlow } from "../../../platform/telegram/flow-definition.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { reviewSkipButton, reviewStarsButton } from "../callbacks.ts";
import { clientActorOf } from "./reminders.ts";
import { MAX_REVIEW_TEXT } from "../domain/review.ts";
import { commentOnVisit, rateVisit } from "../reviews.ts";

/** After the stars: the visit's optional text. */
const reviewFlow = defineFlow("booking-review", ["text"], z.object({ bookingId: z.number().int().positive() }));

/** Reviews in the bot: a star button rates the visit, then an optional text (or "Skip"). */
export function reviewsComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const now = () => context.clock.now();

  onCallback(privateChats, reviewStarsButton, async (ctx, { bookingId, stars }) => {
    const outcome = await ctx.commit("booking-review-rate", async (trx) => {
      const rated = await rateVisit(trx, clientActorOf(ctx), { bookingId, stars, now: now() });
      if (!rated.ok) return { ...rated, instance: 0 };
      const flow = await reviewFlow.start(trx, flowKeyOf(ctx), "text", { bookingId });
      return { ...rated, instance: flow.instance };
    });
    if (!outcome.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t(outcome.reason === "already-rated" ? "booking-review-already" : "booking-review-gone"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    const flow = { name: reviewFlow.name, step: "text", data: { bookingId }, instance: outcome.instance };
    await ctx.reply(ctx.t("booking-review-ask-text", { max: MAX_REVIEW_TEXT }), {
      reply_markup: new InlineKeyboard().text(ctx.t("booking-review-skip"), reviewSkipButton.inFlow(flow, {})),
    });
  });

  onCallback(privateChats, reviewSkipButton, async (ctx) => {
    if (reviewFlow.of(ctx) === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await ctx.commit("booking-review-skip", (trx) => endFlow(trx, flowKeyOf(ctx)));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("booking-review-thanks"));
  });

  privateChats.on("message", async (ctx, next) => {
    const flow = reviewFlow.of(ctx, "text");
    if (flow === undefined || ctx.message.text?.startsWith("/") === true) return next();
    const text = ctx.message.text;
    if (text === undefined) {
      await ctx.reply(ctx.t("booking-review-text-please"));
      return;
    }
    const { bookingId } = flow.data;
    const outcome = await ctx.commit("booking-review-comment", async (trx) => {
      const commented = await commentOnVisit(trx, clientActorOf(ctx), { bookingId, text, now: now() });
      if (commented.ok || commented.reason !== "review-text-empty" && commented.reason !== "review-text-too-long") await endFlow(trx, flowKeyOf(ctx));
      return commented;
    });
    if (outcome.ok) await ctx.reply(ctx.t("booking-review-thanks"));
    else if (outcome.reason === "review-text-empty" || outcome.reason === "review-text-too-long") await ctx.reply(ctx.t(`booking-${outcome.reason}`, { max: MAX_REVIEW_TEXT }));
    else await ctx.reply(ctx.t("booking-review-gone"));
  });
  return composer;
}
