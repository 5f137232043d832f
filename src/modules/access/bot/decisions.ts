import { Composer, InlineKeyboard } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { endFlow, flowButton, startFlow, flowKeyOf } from "../../../platform/telegram/flows.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { isOpen } from "../domain/request.ts";
import { commitAccess, editPressed } from "./support.ts";
import { nameOf, pendingRequests } from "../repo.ts";
import { approveAccessRequest, MAX_REASON_LENGTH, postponeAccessRequest, rejectAccessRequest, renderCard, type DecisionResult } from "../service.ts";
import { senderActor } from "../../../platform/telegram/sender-actor.ts";

const REJECT_FLOW = "access-reject";
/** Catalogue keys of the reasons an admin can pick with one press. */
export const PRESET_REASONS = ["access-reason-unknown-person", "access-reason-unverified", "access-reason-no-openings"] as const;

/**
 * The admins' side of requests: the card buttons (Approve as a role, Reject with a reason,
 * Postpone) and "Pending requests", which shows the open cards again. A decision edits every
 * admin's card through the outbox and this one at once; a request someone else decided answers
 * "already decided by X".
 */
export function decisionsComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const managers = composer.chatType("private").filter((ctx) => ctx.can("people.manage"));
  const guarded = composer.chatType("private");
  guarded.callbackQuery(/^access:(approve|reject|postpone|pending)/, requirePermission("people.manage"));

  /** Answers the press and shows the card as it stands now on the pressed message. */
  const answer = async (ctx: BotyardContext, outcome: { result: DecisionResult; card: Awaited<ReturnType<typeof renderCard>> | null }) => {
    const { result, card } = outcome;
    if (result.ok) await ctx.answerCallbackQuery({ text: ctx.t(`access-decided-${result.request.status}`) });
    else if (result.reason === "already-decided" || result.reason === "already-postponed") {
      await ctx.answerCallbackQuery({
        text: ctx.t("access-already-decided", { status: result.status, by: result.decidedBy?.name ?? "—" }),
        show_alert: true,
      });
    } else await ctx.answerCallbackQuery({ text: ctx.t(`access-decision-${result.reason}`), show_alert: true });
    if (card !== null) await editPressed(ctx, card.text, { parse_mode: "HTML", reply_markup: card.reply_markup });
  };

  const cardNow = async (trx: Parameters<typeof renderCard>[0], ctx: BotyardContext, requestId: number) => {
    const request = await trx.selectFrom("access_request").selectAll().where("bot_id", "=", ctx.botId).where("id", "=", requestId).executeTakeFirst();
    return request === undefined ? null : renderCard(trx, context, ctx.botId, ctx.locale, request);
  };

  guarded.callbackQuery(/^access:approve:(\d+):([\w-]+)$/, async (ctx) => {
    const requestId = Number(ctx.match[1]);
    const role = ctx.match[2] ?? "";
    const outcome = await commitAccess(ctx, "access-approve", async (trx) => {
      const result = await approveAccessRequest(trx, senderActor(ctx), { app: context, requestId, role });
      return { result, card: await cardNow(trx, ctx, requestId) };
    });
    await answer(ctx, outcome);
  });

  guarded.callbackQuery(/^access:postpone:(\d+)$/, async (ctx) => {
    const requestId = Number(ctx.match[1]);
    const outcome = await commitAccess(ctx, "access-postpone", async (trx) => {
      const result = await postponeAccessRequest(trx, senderActor(ctx), { app: context, requestId });
      return { result, card: await cardNow(trx, ctx, requestId) };
    });
    await answer(ctx, outcome);
  });

  // Reject asks the deciding admin why, in a short flow: a preset reason or their own words.
  guarded.callbackQuery(/^access:reject:(\d+)$/, async (ctx) => {
    const requestId = Number(ctx.match[1]);
    const started = await commitAccess(ctx, "access-reject-start", async (trx) => {
      const request = await trx.selectFrom("access_request").selectAll().where("bot_id", "=", ctx.botId).where("id", "=", requestId).executeTakeFirst();
      if (request === undefined) return { flow: null, refusal: { ok: false, reason: "not-found" } as DecisionResult, card: null };
      if (!isOpen(request.status)) {
        const decidedBy = request.decided_by === null ? null : { telegramId: request.decided_by, name: await nameOf(trx, request.decided_by) };
        const refusal: DecisionResult = { ok: false, reason: "already-decided", status: request.status, decidedBy };
        return { flow: null, refusal, card: await renderCard(trx, context, ctx.botId, ctx.locale, request) };
      }
      return { flow: await startFlow(trx, flowKeyOf(ctx), REJECT_FLOW, "reason", { requestId }), refusal: null, card: null };
    });
    if (started.flow === null) {
      await answer(ctx, { result: started.refusal ?? { ok: false, reason: "not-found" }, card: started.card });
      return;
    }
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    PRESET_REASONS.forEach((key, index) => keyboard.text(ctx.t(key), flowButton(started.flow, `access-reason:${index}`)).row());
    keyboard.text(ctx.t("access-cancel"), flowButton(started.flow, "access-reason:cancel"));
    await ctx.reply(ctx.t("access-reject-ask-reason", { id: requestId, max: MAX_REASON_LENGTH }), { reply_markup: keyboard });
  });

  const reject = async (ctx: BotyardContext, reason: string) => {
    const flow = ctx.flow;
    const requestId = Number(flow?.data.requestId);
    const result = await commitAccess(ctx, "access-reject", async (trx) => {
      const rejected = await rejectAccessRequest(trx, senderActor(ctx), { app: context, requestId, reason });
      if (rejected.ok || rejected.reason !== "invalid-reason") await endFlow(trx, flowKeyOf(ctx));
      return rejected;
    });
    if (result.ok) await ctx.reply(ctx.t("access-rejected-done", { id: requestId }));
    else if (result.reason === "already-decided" || result.reason === "already-postponed") {
      await ctx.reply(ctx.t("access-already-decided", { status: result.status, by: result.decidedBy?.name ?? "—" }));
    } else await ctx.reply(ctx.t(`access-decision-${result.reason}`, { max: MAX_REASON_LENGTH }));
  };

  managers.callbackQuery(/^f\d+:access-reason:(\d+|cancel)$/, async (ctx) => {
    if (ctx.flow?.name !== REJECT_FLOW) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    if (ctx.match[1] === "cancel") {
      await ctx.commit("access-reject-cancel", (trx) => endFlow(trx, flowKeyOf(ctx)));
      await ctx.reply(ctx.t("access-reject-cancelled"));
      return;
    }
    const key = PRESET_REASONS[Number(ctx.match[1])];
    if (key === undefined) return;
    await reject(ctx, ctx.t(key));
  });

  managers.on("message", async (ctx, next) => {
    if (ctx.flow?.name !== REJECT_FLOW || ctx.message.text?.startsWith("/") === true) return next();
    const reason = ctx.message.text;
    if (reason === undefined) {
      await ctx.reply(ctx.t("access-text-please"));
      return;
    }
    await reject(ctx, reason);
  });

  const showPending = async (ctx: BotyardContext) => {
    const cards = await commitAccess(ctx, "access-pending", async (trx) => {
      const requests = await pendingRequests(trx, ctx.botId);
      return Promise.all(requests.slice(0, MAX_CARDS_SHOWN).map((request) => renderCard(trx, context, ctx.botId, ctx.locale, request)));
    });
    if (cards.length === 0) {
      await ctx.reply(ctx.t("access-pending-none"));
      return;
    }
    await ctx.reply(ctx.t("access-pending-count", { count: cards.length }));
    for (const card of cards) await ctx.reply(card.text, { parse_mode: "HTML", reply_markup: card.reply_markup });
  };
  guarded.command("requests", requirePermission("people.manage"), showPending);
  guarded.callbackQuery("access:pending", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showPending(ctx);
  });

  return composer;
}

/** Cards "Pending requests" shows at once; the rest wait for the next look. */
const MAX_CARDS_SHOWN = 20;
