import { Composer, InlineKeyboard, Keyboard } from "grammy";
import { z } from "zod";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { normalizePhone, phoneFromContact } from "../../../platform/domain/phone.ts";
import type { ModuleContext } from "../../../platform/module.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { defineFlow } from "../../../platform/telegram/flow-definition.ts";
import { flowKeyOf } from "../../../platform/telegram/flows.ts";
import { applyButton, applyCancelButton, applySendButton } from "../callbacks.ts";
import { checkComment, checkName, MAX_COMMENT_LENGTH } from "../domain/application.ts";
import { formatMoment } from "../domain/moment.ts";
import { judgeApplication } from "../domain/request.ts";
import { applicantStanding } from "../queries/applicant-standing.ts";
import { applyForAccess, standingRefusal, type ApplyResult } from "../commands/apply-for-access.ts";
import type { AccessTables } from "../tables.ts";

type Ctx = BotyardContext<AccessTables>;

/** The application, gathered a step at a time: name, phone, comment, then confirming it. */
const applyFlow = defineFlow(
  "access-apply",
  ["name", "phone", "comment", "confirm"],
  z.object({ name: z.string().optional(), phone: z.string().optional(), comment: z.string().nullable().optional() }),
);

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

  onCallback(privateChats, applyButton, async (ctx) => {
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
    const flow = await ctx.commit("access-apply-start", (trx) => applyFlow.start(trx, flowKeyOf(ctx), "name", {}));
    if (verdict.kind === "update") await ctx.reply(ctx.t("access-apply-under-review-update"));
    await ctx.reply(ctx.t("access-apply-ask-name"), {
      reply_markup: new InlineKeyboard().text(ctx.t("access-cancel"), applyCancelButton.inFlow(flow, {})),
    });
  });

  privateChats.on("message", async (ctx, next) => {
    const flow = applyFlow.of(ctx);
    if (flow === undefined || ctx.message.text?.startsWith("/") === true) return next();
    const draft = flow.data;
    const text = ctx.message.text;

    if (flow.step === "name") {
      const name = text === undefined ? undefined : checkName(text);
      if (name === undefined || !name.ok) {
        await ctx.reply(ctx.t("access-name-invalid"));
        return;
      }
      await ctx.commit("access-apply-name", (trx) => applyFlow.advance(trx, flowKeyOf(ctx), flow, "phone", { name: name.value }));
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
      await ctx.commit("access-apply-phone", (trx) => applyFlow.advance(trx, flowKeyOf(ctx), flow, "comment", { phone }));
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
      const confirming = await ctx.commit("access-apply-comment", (trx) => applyFlow.advance(trx, flowKeyOf(ctx), flow, "confirm", { comment }));
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
          .text(ctx.t("access-send"), applySendButton.inFlow(confirming, {}))
          .text(ctx.t("access-cancel"), applyCancelButton.inFlow(confirming, {})),
      });
      return;
    }
    return next();
  });

  onCallback(privateChats, applyCancelButton, async (ctx) => {
    if (applyFlow.of(ctx) === undefined) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.commit("access-apply-cancel", (trx) => applyFlow.end(trx, flowKeyOf(ctx)));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t("access-apply-cancelled"), { reply_markup: { remove_keyboard: true } });
  });

  onCallback(privateChats, applySendButton, async (ctx) => {
    const draft = applyFlow.of(ctx, "confirm")?.data;
    if (draft?.name === undefined || draft.phone === undefined) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    const result = await ctx.run(applyForAccess, { name: draft.name, phone: draft.phone, comment: draft.comment ?? null });
    await ctx.commit("access-apply-end", (trx) => applyFlow.end(trx, flowKeyOf(ctx)));
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
