import type { ModuleHooks } from "../../platform/commands/command-runtime.ts";
import type { ModuleContext } from "../../platform/module.ts";
import { unseenCount } from "./queries/feedback-counts.ts";
import type { FeedbackTables } from "./tables.ts";

/** Someone given a role that reads feedback is told so, with how many messages wait unseen. */
export function feedbackHooks(context: Pick<ModuleContext, "permissions">): ModuleHooks<FeedbackTables> {
  return {
    async roleGranted(scope, { telegramId, role }) {
      if (!context.permissions.allows([role], "feedback.read")) return;
      const unseen = await unseenCount(scope.trx, scope.actor.botId);
      await scope.tell(telegramId, { dedupeKey: `feedback:reader:${telegramId}:${role}:${scope.now.getTime()}`, render: (_locale, t) => ({ text: t("feedback-new-reader", { unseen }) }) });
    },
  };
}
