import { Composer, InlineKeyboard } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { endFlow, flowButton, startFlow, flowKeyOf } from "../../../platform/telegram/flows.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { isOpen } from "../domain/request.ts";
import type { Jsonified } from "../../../platform/telegram/update-journal.ts";
import { approveAccessRequest } from "../commands/approve-access-request.ts";
import { MAX_REASON_LENGTH, type DecisionResult } from "../commands/decide-request.ts";
import { postponeAccessRequest } from "../commands/postpone-access-request.ts";
import { rejectAccessRequest } from "../commands/reject-access-request.ts";
import { renderCard, type CardReader, type RequestCard } from "../effects/request-cards.ts";
import { nameOf } from "../queries/people.ts";
import { pendingRequests, requestById } from "../queries/requests.ts";
import type { AccessTables } from "../tables.ts";
import { editPressed } from "./edit-pressed.ts";

type Ctx = BotyardContext<AccessTables>;

const REJECT_FLOW = "access-reject";
/** Catalogue keys of the reasons an admin can pick with one press. */
export const PRESET_REASONS = ["access-reason-unknown-person", "access-reason-unverified", "access-reason-no-openings"] as const;

/**
 * The admins' side of requests: the card buttons (Approve as a role, Reject with a reason,
 * Postpone) and "Pending requests", which shows the open cards again. A decision edits every
 * admin's card through the outbox and this one at once; a request someone else decided answers
 * "already decided by X".
 */
export function decisionsComposer(context: ModuleContext<AccessTables>): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  const db = context.database.db;
  const readerOf = (ctx: Ctx): CardReader => ({ locale: ctx.locale, t: (key, args) => ctx.t(key, args), timeZone: context.settings.of(ctx.botId).timeZone, knownRoles: context.permissions.roleNames() });
  const markupOf = (card: Jsonified<RequestCard>) => (card.buttons === undefined ? undefined : { inline_keyboard: card.buttons });
  const managers = composer.chatType("private").filter((ctx) => ctx.can("people.manage"));
  const guarded = composer.chatType("private");
  guarded.callbackQuery(/^access:(approve|reject|postpone|pending)/, requirePermission("people.manage"));

  /** Answers the press and shows the card as it stands now on the pressed message. */
  const answer = async (ctx: Ctx, result: Jsonified<DecisionResult>, card: Jsonified<RequestCard> | null) => {
    if (result.ok) await ctx.answerCallbackQuery({ text: ctx.t(`access-decided-${result.request.status}`) });
    else if (result.reason === "already-decided" || result.reason === "already-postponed") {
      await ctx.answerCallbackQuery({
        text: ctx.t("access-already-decided", { status: result.status, by: result.decidedBy?.name ?? "—" }),
        show_alert: true,
      });
    } else await ctx.answerCallbackQuery({ text: ctx.t(`access-decision-${result.reason}`), show_alert: true });
    if (card !== null) await editPressed(ctx, card.text, { parse_mode: "HTML", reply_markup: markupOf(card) });
  };

  /** The card of a request as it stands now, in the presser's language (null for a request of no one's). */
  const cardNow = async (ctx: Ctx, requestId: number) => {
    const request = await requestById(db, ctx.botId, requestId);
    return request === undefined ? null : renderCard(db, readerOf(ctx), request);
  };

  guarded.callbackQuery(/^access:approve:(\d+):([\w-]+)$/, async (ctx) => {
    const requestId = Number(ctx.match[1]);
    const result = await ctx.run(approveAccessRequest, { requestId, role: ctx.match[2] ?? "" });
    await answer(ctx, result, await cardNow(ctx, requestId));
  });

  guarded.callbackQuery(/^access:postpone:(\d+)$/, async (ctx) => {
    const requestId = Number(ctx.match[1]);
    const result = await ctx.run(postponeAccessRequest, { requestId });
    await answer(ctx, result, await cardNow(ctx, requestId));
  });

  // Reject asks the deciding admin why, in a short flow: a preset reason or their own words.
  guarded.callbackQuery(/^access:reject:(\d+)$/, async (ctx) => {
    const requestId = Number(ctx.match[1]);
    const started = await ctx.commit("access-reject-start", async (trx) => {
      const request = await requestById(trx, ctx.botId, requestId);
      if (request === undefined) return { flow: null, refusal: { ok: false, reason: "not-found" } as DecisionResult, card: null };
      if (!isOpen(request.status)) {
        const decidedBy = request.decided_by === null ? null : { telegramId: request.decided_by, name: await nameOf(trx, request.decided_by) };
        const refusal: DecisionResult = { ok: false, reason: "already-decided", status: request.status, decidedBy };
        return { flow: null, refusal, card: await renderCard(trx, readerOf(ctx), request) };
      }
      return { flow: await startFlow(trx, flowKeyOf(ctx), REJECT_FLOW, "reason", { requestId }), refusal: null, card: null };
    });
    if (started.flow === null) {
      await answer(ctx, started.refusal ?? { ok: false, reason: "not-found" }, started.card);
      return;
    }
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    PRESET_REASONS.forEach((key, index) => keyboard.text(ctx.t(key), flowButton(started.flow, `access-reason:${index}`)).row());
    keyboard.text(ctx.t("access-cancel"), flowButton(started.flow, "access-reason:cancel"));
    await ctx.reply(ctx.t("access-reject-ask-reason", { id: requestId, max: MAX_REASON_LENGTH }), { reply_markup: keyboard });
  });

  const reject = async (ctx: Ctx, reason: string) => {
    const requestId = Number(ctx.flow?.data.requestId);
    const result = await ctx.run(rejectAccessRequest, { requestId, reason });
    // A reason too long or empty may be typed again; any other outcome ends the flow.
    if (result.ok || result.reason !== "invalid-reason") await ctx.commit("access-reject-end", (trx) => endFlow(trx, flowKeyOf(ctx)));
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

  const showPending = async (ctx: Ctx) => {
    const requests = await pendingRequests(db, ctx.botId);
    const cards = await Promise.all(requests.slice(0, MAX_CARDS_SHOWN).map((request) => renderCard(db, readerOf(ctx), request)));
    if (cards.length === 0) {
      await ctx.reply(ctx.t("access-pending-none"));
      return;
    }
    await ctx.reply(ctx.t("access-pending-count", { count: cards.length }));
    for (const card of cards) await ctx.reply(card.text, { parse_mode: "HTML", reply_markup: markupOf(card) });
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
