import type { EventHandler, ModuleContext } from "../../platform/module.ts";
import { remindUnseenFeedback } from "./commands/remind-unseen-feedback.ts";
import type { FeedbackTables } from "./tables.ts";

/** A message nobody has marked seen this long after it came is brought up again. */
export const UNSEEN_AFTER_MS = 24 * 60 * 60 * 1000;
export const UNSEEN_EVENT = "feedback.unseen";

/** Scheduled-event kind -> command. */
export function feedbackEvents(context: ModuleContext<FeedbackTables>): Record<string, EventHandler> {
  return {
    [UNSEEN_EVENT]: (trx, event) =>
      context
        .runIn(trx, { botId: event.bot_id, personId: null, source: "system" }, remindUnseenFeedback, { feedbackId: Number(event.payload.feedbackId) })
        .then(() => undefined),
  };
}
