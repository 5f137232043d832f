import { Composer } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { masterLinkButton, newMasterButton } from "../callbacks.ts";
import { createMaster, type MasterOutcome } from "../commands/create-master.ts";
import { linkMasterTelegram } from "../commands/link-master-telegram.ts";
import { problemMessage } from "../domain/catalogue-refusal.ts";
import { newMasterFor } from "../queries/new-master.ts";
import type { Jsonified } from "../../../platform/telegram/update-journal.ts";
import { readsOf } from "./support.ts";

/**
 * An admin answers "which master is this?" after giving someone the master role (see
 * `bookingHooks`): a press links them to that master record, or makes a new one in their name.
 */
export function masterLinkComposer(context: ModuleContext): Composer<BotyardContext> {
  const composer = new Composer<BotyardContext>();
  const privateChats = composer.chatType("private");
  const manage = requirePermission("booking.manage");
  const db = readsOf(context);

  const answer = async (ctx: BotyardContext, outcome: Jsonified<MasterOutcome> | undefined) => {
    await ctx.answerCallbackQuery();
    if (outcome === undefined) {
      await ctx.reply(ctx.t("booking-master-role-no-location"));
      return;
    }
    if (!outcome.ok) {
      await ctx.reply(outcome.problems.map((problem) => { const { key, args } = problemMessage(problem); return ctx.t(key, args); }).join(" "));
      return;
    }
    await ctx.editMessageText(ctx.t("booking-master-role-done", { master: outcome.master.name }));
  };

  onCallback(privateChats, masterLinkButton, async (ctx, { telegramId, masterId }) => answer(ctx, await ctx.run(linkMasterTelegram, { masterId, telegramId })), manage);
  onCallback(
    privateChats,
    newMasterButton,
    async (ctx, { telegramId }) => {
      const fresh = await newMasterFor(db, ctx.botId, telegramId);
      await answer(ctx, fresh === undefined ? undefined : await ctx.run(createMaster, fresh));
    },
    manage,
  );
  return composer;
}
