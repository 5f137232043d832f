import type { EventHandler, ModuleContext } from "../../platform/module.ts";
import { remindUnseenFeedback } from "./commands/remind-unseen-feedback.ts";
import { UNSEEN_EVENT } from "./domain/unseen.ts";
import type { FeedbackTables } from "./tables.ts";

/** Scheduled-event kind -> command. */
export function feedbackEvents(context: ModuleContext<FeedbackTables>): Record<string, EventHandler> {
  return {
    [UNSEEN_EVENT]: async (trx, event) => {
      await context.runIn(trx, { botId: event.bot_id, personId: null, source: "system" }, remindUnseenFeedback, { feedbackId: Number(event.payload.feedbackId) });
    },
  };
}
