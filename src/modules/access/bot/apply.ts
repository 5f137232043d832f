import { Composer, InlineKeyboard, Keyboard } from "grammy";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { normalizePhone, phoneFromContact } from "../../../platform/domain/phone.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { advanceFlow, endFlow, flowButton, flowKeyOf, startFlow } from "../../../platform/telegram/flows.ts";
import { checkComment, checkName, MAX_COMMENT_LENGTH } from "../domain/application.ts";
import { formatMoment } from "../domain/moment.ts";
import { judgeApplication } from "../domain/request.ts";
import { applicantStanding } from "../queries/applicant-standing.ts";
import { applyForAccess, standingRefusal, type ApplyResult } from "../commands/apply-for-access.ts";
import type { AccessTables } from "../tables.ts";

type Ctx = BotyardContext<AccessTables>;

const FLOW = "access-apply";

interface ApplicationDraft {
  name?: string;
  phone?: string;
  comment?: string | null;
}

/**
 * "Apply for access": name, then phone (the person's own shared contact, or a typed number with
 * its country code), then an optional comment, then a confirmation. Applying again while a
 * request is open updates that request.
 */
export function applyComposer(context: ModuleContext<AccessTables>): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  const privateChats = composer.chatType("private");
  const db = context.database.db;

  const refusalText = (ctx: Ctx, refusal: Exclude<ApplyResult, { ok: true }>): string => {
    switch (refusal.reason) {
      case "cooling-down":
        return ctx.t("access-apply-cooling-down", { when: formatMoment(refusal.mayReapplyAt, ctx.locale, context.settings.of(ctx.botId).timeZone) });
      case "already-staff":
        return ctx.t("access-apply-already-staff");
      case "blocked":
        return ctx.t("access-apply-blocked");
      case "invalid-name":
        return ctx.t("access-name-invalid");
      case "invalid-phone":
        return ctx.t("access-phone-invalid");
      case "comment-too-long":
        return ctx.t("access-comment-too-long", { max: MAX_COMMENT_LENGTH });
    }
  };

  privateChats.callbackQuery("access:apply", async (ctx) => {
    await ctx.answerCallbackQuery();
    if (!context.settings.of(ctx.botId).staffMayApply) {
      await ctx.reply(ctx.t("access-apply-closed"));
      return;
    }
    const { standing } = await applicantStanding(db, ctx.botId, ctx.from.id);
    const verdict = judgeApplication(standing, context.clock.now());
    if (!verdict.ok) {
      await ctx.reply(refusalText(ctx, standingRefusal(verdict)));
      return;
    }
    const flow = await ctx.commit("access-apply-start", (trx) => startFlow(trx, flowKeyOf(ctx), FLOW, "name"));
    if (verdict.kind === "update") await ctx.reply(ctx.t("access-apply-under-review-update"));
    await ctx.reply(ctx.t("access-apply-ask-name"), {
      reply_markup: new InlineKeyboard().text(ctx.t("access-cancel"), flowButton(flow, "access-apply-cancel")),
    });
  });

  privateChats.on("message", async (ctx, next) => {
    const flow = ctx.flow;
    if (flow?.name !== FLOW || ctx.message.text?.startsWith("/") === true) return next();
    const draft = flow.data as ApplicationDraft;
    const text = ctx.message.text;

    if (flow.step === "name") {
      const name = text === undefined ? undefined : checkName(text);
      if (name === undefined || !name.ok) {
        await ctx.reply(ctx.t("access-name-invalid"));
        return;
      }
      await ctx.commit("access-apply-name", (trx) => advanceFlow(trx, flowKeyOf(ctx), flow, "phone", { name: name.value }));
      await ctx.reply(ctx.t("access-apply-ask-phone", { name: escapeHtml(name.value) }), {
        parse_mode: "HTML",
        reply_markup: new Keyboard().requestContact(ctx.t("access-share-contact")).resized().oneTime(),
      });
      return;
    }

    if (flow.step === "phone") {
      const contact = ctx.message.contact;
      if (contact !== undefined && contact.user_id !== ctx.from.id) {
        await ctx.reply(ctx.t("access-contact-not-yours"));
        return;
      }
      const phone = contact !== undefined ? phoneFromContact(contact.phone_number) : text === undefined ? undefined : normalizePhone(text);
      if (phone === undefined) {
        await ctx.reply(ctx.t("access-phone-invalid"));
        return;
      }
      await ctx.commit("access-apply-phone", (trx) => advanceFlow(trx, flowKeyOf(ctx), flow, "comment", { phone }));
      await ctx.reply(ctx.t("access-apply-ask-comment"), {
        reply_markup: new Keyboard().text(ctx.t("access-skip")).resized().oneTime(),
      });
      return;
    }

    if (flow.step === "comment") {
      if (text === undefined) {
        await ctx.reply(ctx.t("access-text-please"));
        return;
      }
      let comment: string | null = null;
      if (text !== ctx.t("access-skip")) {
        const checked = checkComment(text);
        if (!checked.ok) {
          await ctx.reply(ctx.t("access-comment-too-long", { max: MAX_COMMENT_LENGTH }));
          return;
        }
        comment = checked.value === "" ? null : checked.value;
      }
      const confirming = await ctx.commit("access-apply-comment", (trx) => advanceFlow(trx, flowKeyOf(ctx), flow, "confirm", { comment }));
      await ctx.reply(
        ctx.t("access-apply-summary", {
          name: escapeHtml(draft.name ?? ""),
          phone: draft.phone ?? "",
          comment: comment === null ? "—" : escapeHtml(comment),
        }),
        { parse_mode: "HTML", reply_markup: { remove_keyboard: true } },
      );
      await ctx.reply(ctx.t("access-apply-confirm"), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t("access-send"), flowButton(confirming, "access-apply-send"))
          .text(ctx.t("access-cancel"), flowButton(confirming, "access-apply-cancel")),
      });
      return;
    }
    return next();
  });

  privateChats.callbackQuery(/^f\d+:access-apply-(send|cancel)$/, async (ctx) => {
    const flow = ctx.flow;
    if (flow?.name !== FLOW) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    if (ctx.match[1] === "cancel") {
      await ctx.commit("access-apply-cancel", (trx) => endFlow(trx, flowKeyOf(ctx)));
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t("access-apply-cancelled"), { reply_markup: { remove_keyboard: true } });
      return;
    }
    const draft = flow.data as ApplicationDraft;
    if (flow.step !== "confirm" || draft.name === undefined || draft.phone === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    const result = await ctx.run(applyForAccess, { name: draft.name, phone: draft.phone, comment: draft.comment ?? null });
    await ctx.commit("access-apply-end", (trx) => endFlow(trx, flowKeyOf(ctx)));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    if (!result.ok) {
      await ctx.reply(refusalText(ctx, result));
      return;
    }
    await ctx.reply(ctx.t(result.updated ? "access-apply-updated" : "access-apply-sent", { id: result.request.id }));
  });

  return composer;
}
