import { Composer } from "grammy";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import { seenButton } from "../callbacks.ts";
import { markFeedbackSeen } from "../commands/mark-feedback-seen.ts";
import type { FeedbackTables } from "../tables.ts";

type Ctx = BotyardContext<FeedbackTables>;

/** A reader's "Seen" on a notice: the first marks the message seen (the author is told); the button then goes. */
export function seenButtonHandler(): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  onCallback(
    composer,
    seenButton,
    async (ctx, { feedbackId }) => {
      const outcome = await ctx.run(markFeedbackSeen, { feedbackId });
      await ctx.answerCallbackQuery({ text: ctx.t(outcome.ok ? "feedback-seen-done" : `feedback-seen-${outcome.reason}`) });
      await ctx.editMessageReplyMarkup();
    },
    requirePermission("feedback.read"),
  );
  return composer;
}
