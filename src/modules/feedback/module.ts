import { join } from "node:path";
import { Composer } from "grammy";
import { cataloguesIn } from "../../platform/i18n/catalogues.ts";
import { defineModule } from "../../platform/module.ts";
import { seenButtonHandler } from "./bot/seen-button.ts";
import { writeToUs } from "./bot/write-to-us.ts";
import { writeToUsButton } from "./callbacks.ts";
import { markFeedbackSeen } from "./commands/mark-feedback-seen.ts";
import { remindUnseenFeedback } from "./commands/remind-unseen-feedback.ts";
import { sendFeedback } from "./commands/send-feedback.ts";
import { feedbackCards } from "./dashboard.ts";
import { feedbackEvents } from "./events.ts";
import { feedbackHooks } from "./hooks.ts";
import * as feedback0001 from "./migrations/0001_feedback.ts";
import * as feedback0002 from "./migrations/0002_seen.ts";
import { FEEDBACK_PERMISSIONS } from "./permissions.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import type { FeedbackTables } from "./tables.ts";

/**
 * "Write to us": anyone can send the team a message or a photo; readers (owners and admins) get
 * it with a "Seen" button, the author is told when the team has read it, and a message nobody
 * has seen in a day is brought up again. The model module: docs/modules.md walks through it.
 */
export const feedbackModule = defineModule<FeedbackTables>({
  name: "feedback",
  migrations: { feedback_0001_feedback: feedback0001, feedback_0002_seen: feedback0002 },
  catalogues: cataloguesIn(join(import.meta.dirname, "locales")),
  permissions: FEEDBACK_PERMISSIONS,
  menu: [{ label: "feedback-menu", data: writeToUsButton.data({}) }],
  botCommands: [{ command: "feedback", description: "command-feedback" }],
  commands: [sendFeedback, markFeedbackSeen, remindUnseenFeedback],
  composer: () => new Composer<BotyardContext<FeedbackTables>>().use(writeToUs(), seenButtonHandler()),
  events: feedbackEvents,
  hooks: feedbackHooks,
  dashboard: feedbackCards,
});
