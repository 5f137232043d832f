import { Composer, InlineKeyboard } from "grammy";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { advanceFlow, endFlow, flowButton, flowKeyOf, startFlow } from "../../../platform/telegram/flows.ts";
import { sendFeedback } from "../commands/send-feedback.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { MAX_FEEDBACK_LENGTH, checkDraft, type FeedbackDraft } from "../domain/feedback.ts";
import type { FeedbackTables } from "../tables.ts";

type Ctx = BotyardContext<FeedbackTables>;
const FLOW = "feedback";

/** "Write to us": a person writes (text, photo), sees a preview, and sends it to the team. */
export function writeToUs(): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  const privateChats = composer.chatType("private");

  const begin = async (ctx: Ctx) => {
    const flow = await ctx.commit("feedback-start", (trx) => startFlow(trx, flowKeyOf(ctx), FLOW, "write"));
    await ctx.reply(ctx.t("feedback-ask"), { reply_markup: new InlineKeyboard().text(ctx.t("feedback-cancel"), flowButton(flow, "feedback-cancel")) });
  };
  privateChats.command("feedback", begin);
  privateChats.callbackQuery("feedback:start", async (ctx) => {
    await ctx.answerCallbackQuery();
    await begin(ctx);
  });

  privateChats.on("message", async (ctx, next) => {
    const flow = ctx.flow;
    if (flow?.name !== FLOW || flow.step !== "write" || ctx.message.text?.startsWith("/") === true) return next();
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
    const draft: FeedbackDraft = check.draft;
    const confirm = await ctx.commit("feedback-draft", (trx) => advanceFlow(trx, flowKeyOf(ctx), flow, "confirm", { ...draft }));
    await ctx.reply(ctx.t("feedback-preview", { text: escapeHtml(draft.text) }), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("feedback-send"), flowButton(confirm, "feedback-send")).text(ctx.t("feedback-cancel"), flowButton(confirm, "feedback-cancel")),
    });
  });

  privateChats.callbackQuery(/^f\d+:feedback-(send|cancel)$/, async (ctx) => {
    const flow = ctx.flow;
    if (flow?.name !== FLOW || (ctx.match[1] === "send" && flow.step !== "confirm")) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    if (ctx.match[1] === "cancel") {
      await ctx.commit("feedback-cancel", (trx) => endFlow(trx, flowKeyOf(ctx)));
      await ctx.reply(ctx.t("feedback-cancelled"));
      return;
    }
    const draft = flow.data as Partial<FeedbackDraft>;
    const outcome = await ctx.run(sendFeedback, { author: ctx.from, text: draft.text ?? "", photo: draft.photo ?? null });
    await ctx.commit("feedback-end", (trx) => endFlow(trx, flowKeyOf(ctx)));
    await ctx.reply(outcome.ok ? ctx.t("feedback-sent") : ctx.t(outcome.reason, { max: MAX_FEEDBACK_LENGTH }));
  });
  return composer;
}
