import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { endFlow, flowKeyOf } from "../../../platform/telegram/flows.ts";
import { defineFlow } from "../../../platform/telegram/flow-definition.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { reviewSkipButton, reviewStarsButton } from "../callbacks.ts";
import { MAX_REVIEW_TEXT } from "../domain/review.ts";
import { pressedInFlow } from "./support.ts";
import { commentOnVisit } from "../commands/comment-on-visit.ts";
import { rateVisit } from "../commands/rate-visit.ts";

/** After the stars: the visit's optional text. */
const reviewFlow = defineFlow("booking-review", ["text"], z.object({ bookingId: z.number().int().positive() }));

/** Reviews in the bot: a star button rates the visit, then an optional text (or "Skip"). */
export function reviewsComposer(): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");

  onCallback(privateChats, reviewStarsButton, async (ctx, { bookingId, stars }) => {
    const outcome = await ctx.run(rateVisit, { bookingId, stars });
    if (!outcome.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t(outcome.reason === "already-rated" ? "booking-review-already" : "booking-review-gone"), show_alert: true });
      return;
    }
    const flow = await ctx.commit("booking-review-text", (trx) => reviewFlow.start(trx, flowKeyOf(ctx), "text", { bookingId }));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("booking-review-ask-text", { max: MAX_REVIEW_TEXT }), {
      reply_markup: new InlineKeyboard().text(ctx.t("booking-review-skip"), reviewSkipButton.inFlow(flow, {})),
    });
  });

  onCallback(privateChats, reviewSkipButton, async (ctx) => {
    if (reviewFlow.of(ctx) === undefined || !pressedInFlow(ctx)) {
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
    const outcome = await ctx.run(commentOnVisit, { bookingId, text });
    // A text too short or too long keeps the flow at the text, so the client can send another.
    if (outcome.ok || (outcome.reason !== "review-text-empty" && outcome.reason !== "review-text-too-long")) await ctx.commit("booking-review-end", (trx) => endFlow(trx, flowKeyOf(ctx)));
    if (outcome.ok) await ctx.reply(ctx.t("booking-review-thanks"));
    else if (outcome.reason === "review-text-empty" || outcome.reason === "review-text-too-long") await ctx.reply(ctx.t(`booking-${outcome.reason}`, { max: MAX_REVIEW_TEXT }));
    else await ctx.reply(ctx.t("booking-review-gone"));
  });
  return composer;
}
