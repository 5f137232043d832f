import { Composer, InlineKeyboard } from "grammy";
import type { ModuleContext } from "../../platform/module.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import { advanceFlow, endFlow, flowButton, startFlow, type FlowKey, type FlowState } from "../../platform/telegram/flows.ts";
import { MAX_FEEDBACK_LENGTH, checkDraft, escapeHtml, type FeedbackDraft } from "./domain/feedback.ts";
import { sendFeedback } from "./service.ts";

const FLOW = "feedback";

function flowKey(ctx: BotyardContext): FlowKey {
  const userId = ctx.from?.id ?? 0;
  return { botId: ctx.botId, chatId: ctx.chat?.id ?? userId, userId };
}

/** "Write to us": a person writes (text, photo), sees a preview, and sends it to the team. */
export function feedbackComposer({ translator }: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");

  const begin = async (ctx: BotyardContext) => {
    const flow = await ctx.commit("feedback-start", (trx) => startFlow(trx, flowKey(ctx), FLOW, "write"));
    await ctx.reply(ctx.t("feedback-ask"), {
      reply_markup: new InlineKeyboard().text(ctx.t("feedback-cancel"), flowButton(flow, "feedback-cancel")),
    });
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
    const next_ = await ctx.commit("feedback-draft", (trx) => advanceFlow(trx, flowKey(ctx), flow, "confirm", { ...check.draft }));
    await ctx.reply(ctx.t("feedback-preview", { text: escapeHtml(check.draft.text) }), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(ctx.t("feedback-send"), flowButton(next_, "feedback-send"))
        .text(ctx.t("feedback-cancel"), flowButton(next_, "feedback-cancel")),
    });
  });

  privateChats.callbackQuery(/^f\d+:feedback-(send|cancel)$/, async (ctx) => {
    const flow: FlowState | undefined = ctx.flow;
    if (flow?.name !== FLOW) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const from = ctx.from;
    if (ctx.match[1] === "cancel") {
      await ctx.commit("feedback-cancel", (trx) => endFlow(trx, flowKey(ctx)));
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t("feedback-cancelled"));
      return;
    }
    if (flow.step !== "confirm") {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const draft = flow.data as unknown as FeedbackDraft;
    await ctx.commit("feedback-send", async (trx) => {
      const result = await sendFeedback(trx, translator, {
        botId: ctx.botId,
        languages: ctx.botLanguages,
        author: from,
        draft,
      });
      await endFlow(trx, flowKey(ctx));
      return result;
    });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("feedback-sent"));
  });
  return composer;
}
