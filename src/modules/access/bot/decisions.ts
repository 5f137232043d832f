import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { ModuleContext } from "../../../platform/module.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { defineFlow } from "../../../platform/telegram/flow-definition.ts";
import { flowKeyOf } from "../../../platform/telegram/flows.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { PRESET_REASONS, approveButton, pendingButton, postponeButton, reasonButton, rejectButton } from "../callbacks.ts";
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

/** Rejecting asks the deciding admin why; the draft is the request being rejected. */
const rejectFlow = defineFlow("access-reject", ["reason"], z.object({ requestId: z.number().int().positive() }));

/**
 * The admins' side of requests: the card buttons (Approve as a role, Reject with a reason,
 * Postpone) and "Pending requests", which shows the open cards again. A decision edits every
 * admin's card through the outbox and this one at once; a request someone else decided answers
 * "already decided by X".
 */
export function decisionsComposer(context: ModuleContext<AccessTables>): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  const db = context.database.db;
  const readerOf = (ctx: Ctx): CardReader => ({ locale: ctx.locale, t: (key, args) => ctx.t(key, args), timeZone: context.settings.of(ctx.botId).timeZone, knownRoles: context.permissions.roleNamesByPrivilege() });
  const markupOf = (card: Jsonified<RequestCard>) => (card.buttons === undefined ? undefined : { inline_keyboard: card.buttons });
  const managers = composer.chatType("private").filter((ctx) => ctx.can("people.manage"));
  const guarded = composer.chatType("private");
  const managing = requirePermission("people.manage");

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

  onCallback(
    guarded,
    approveButton,
    async (ctx, { requestId, role }) => {
      const result = await ctx.run(approveAccessRequest, { requestId, role });
      await answer(ctx, result, await cardNow(ctx, requestId));
    },
    managing,
  );

  onCallback(
    guarded,
    postponeButton,
    async (ctx, { requestId }) => {
      const result = await ctx.run(postponeAccessRequest, { requestId });
      await answer(ctx, result, await cardNow(ctx, requestId));
    },
    managing,
  );

  // Reject asks the deciding admin why, in a short flow: a preset reason or their own words.
  onCallback(
    guarded,
    rejectButton,
    async (ctx, { requestId }) => {
      const started = await ctx.commit("access-reject-start", async (trx) => {
        const request = await requestById(trx, ctx.botId, requestId);
        if (request === undefined) return { flow: null, refusal: { ok: false, reason: "not-found" } as DecisionResult, card: null };
        if (!isOpen(request.status)) {
          const decidedBy = request.decided_by === null ? null : { telegramId: request.decided_by, name: await nameOf(trx, request.decided_by) };
          const refusal: DecisionResult = { ok: false, reason: "already-decided", status: request.status, decidedBy };
          return { flow: null, refusal, card: await renderCard(trx, readerOf(ctx), request) };
        }
        return { flow: await rejectFlow.start(trx, flowKeyOf(ctx), "reason", { requestId }), refusal: null, card: null };
      });
      if (started.flow === null) {
        await answer(ctx, started.refusal ?? { ok: false, reason: "not-found" }, started.card);
        return;
      }
      await ctx.answerCallbackQuery();
      const keyboard = new InlineKeyboard();
      for (const choice of PRESET_REASONS) keyboard.text(ctx.t(choice), reasonButton.inFlow(started.flow, { choice })).row();
      keyboard.text(ctx.t("access-cancel"), reasonButton.inFlow(started.flow, { choice: "cancel" }));
      await ctx.reply(ctx.t("access-reject-ask-reason", { id: requestId, max: MAX_REASON_LENGTH }), { reply_markup: keyboard });
      },
    managing,
  );

  const reject = async (ctx: Ctx, requestId: number, reason: string) => {
    const result = await ctx.run(rejectAccessRequest, { requestId, reason });
    // A reason too long or empty may be typed again; any other outcome ends the flow.
    if (result.ok || result.reason !== "invalid-reason") await ctx.commit("access-reject-end", (trx) => rejectFlow.end(trx, flowKeyOf(ctx)));
    if (result.ok) await ctx.reply(ctx.t("access-rejected-done", { id: requestId }));
    else if (result.reason === "already-decided" || result.reason === "already-postponed") {
      await ctx.reply(ctx.t("access-already-decided", { status: result.status, by: result.decidedBy?.name ?? "—" }));
    } else await ctx.reply(ctx.t(`access-decision-${result.reason}`, { max: MAX_REASON_LENGTH }));
  };

  onCallback(managers, reasonButton, async (ctx, { choice }) => {
    const flow = rejectFlow.of(ctx);
    if (flow === undefined) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    if (choice === "cancel") {
      await ctx.commit("access-reject-cancel", (trx) => rejectFlow.end(trx, flowKeyOf(ctx)));
      await ctx.reply(ctx.t("access-reject-cancelled"));
      return;
    }
    await reject(ctx, flow.data.requestId, ctx.t(choice));
  });

  managers.on("message", async (ctx, next) => {
    const flow = rejectFlow.of(ctx);
    if (flow === undefined || ctx.message.text?.startsWith("/") === true) return next();
    const reason = ctx.message.text;
    if (reason === undefined) {
      await ctx.reply(ctx.t("access-text-please"));
      return;
    }
    await reject(ctx, flow.data.requestId, reason);
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
  guarded.command("requests", managing, showPending);
  onCallback(
    guarded,
    pendingButton,
    async (ctx) => {
      await ctx.answerCallbackQuery();
      await showPending(ctx);
    },
    managing,
  );

  return composer;
}

/** Cards "Pending requests" shows at once; the rest wait for the next look. */
const MAX_CARDS_SHOWN = 20;
