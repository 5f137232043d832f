import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { defineFlow } from "../../../platform/telegram/flow-definition.ts";
import { flowKeyOf } from "../../../platform/telegram/flows.ts";
import { cancelButton, sendButton, writeToUsButton } from "../callbacks.ts";
import { sendFeedback } from "../commands/send-feedback.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { MAX_FEEDBACK_LENGTH, checkDraft } from "../domain/feedback.ts";
import type { FeedbackTables } from "../tables.ts";

type Ctx = BotyardContext<FeedbackTables>;

/** Writing, then confirming the preview; the draft is what will be sent. */
const feedbackFlow = defineFlow("feedback", ["write", "confirm"], z.object({ text: z.string().optional(), photo: z.string().nullable().optional() }));

/** "Write to us": a person writes (text, photo), sees a preview, and sends it to the team. */
export function writeToUs(): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  const privateChats = composer.chatType("private");

  const begin = async (ctx: Ctx) => {
    const flow = await ctx.commit("feedback-start", (trx) => feedbackFlow.start(trx, flowKeyOf(ctx), "write", {}));
    await ctx.reply(ctx.t("feedback-ask"), { reply_markup: new InlineKeyboard().text(ctx.t("feedback-cancel"), cancelButton.inFlow(flow, {})) });
  };
  privateChats.command("feedback", begin);
  onCallback(privateChats, writeToUsButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await begin(ctx);
  });

  privateChats.on("message", async (ctx, next) => {
    const flow = feedbackFlow.of(ctx, "write");
    if (flow === undefined || ctx.message.text?.startsWith("/") === true) return next();
    const photo = ctx.message.photo?.at(-1)?.file_id ?? null;
    const text = ctx.message.text ?? ctx.message.caption;
    if (text === undefined && photo === null) {
      await ctx.reply(ctx.t("feedback-text-please"));
      return;
    }
    const check = checkDraft(text, photo);
    if (!check.ok) {
      await ctx.reply(ctx.t(check.error, { max: MAX_FEEDBACK_LENGTH }));
      return;
    }
    const { draft } = check;
    const confirm = await ctx.commit("feedback-draft", (trx) => feedbackFlow.advance(trx, flowKeyOf(ctx), flow, "confirm", draft));
    await ctx.reply(ctx.t("feedback-preview", { text: escapeHtml(draft.text) }), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("feedback-send"), sendButton.inFlow(confirm, {})).text(ctx.t("feedback-cancel"), cancelButton.inFlow(confirm, {})),
    });
  });

  onCallback(privateChats, cancelButton, async (ctx) => {
    if (feedbackFlow.of(ctx) === undefined) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.commit("feedback-cancel", (trx) => feedbackFlow.end(trx, flowKeyOf(ctx)));
    await ctx.reply(ctx.t("feedback-cancelled"));
  });

  onCallback(privateChats, sendButton, async (ctx) => {
    const flow = feedbackFlow.of(ctx, "confirm");
    if (flow === undefined) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    const outcome = await ctx.run(sendFeedback, { author: ctx.from, text: flow.data.text ?? "", photo: flow.data.photo ?? null });
    await ctx.commit("feedback-end", (trx) => feedbackFlow.end(trx, flowKeyOf(ctx)));
    await ctx.reply(outcome.ok ? ctx.t("feedback-sent") : ctx.t(outcome.reason, { max: MAX_FEEDBACK_LENGTH }));
  });
  return composer;
}
