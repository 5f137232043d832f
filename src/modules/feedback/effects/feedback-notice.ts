import type { CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { authorLine } from "../domain/feedback.ts";
import type { FeedbackTables } from "../tables.ts";
import { seenButton } from "../callbacks.ts";

/** A message as the team's notices show it. */
export interface NoticedFeedback {
  id: number;
  text: string;
  photo: string | null;
  author: { id: number; first_name: string; last_name?: string | null; username?: string | null };
}

/**
 * Tells every reader (holders of `feedback.read`) about a message, each in their language, with
 * a "Seen" button; `kind` says whether it is new or a reminder that nobody has seen it yet.
 */
export function tellReaders(scope: CommandScope<FeedbackTables>, feedback: NoticedFeedback, kind: "new" | "unseen"): Promise<number> {
  return scope.tellHolders("feedback.read", {
    dedupeKey: kind === "new" ? `feedback:${feedback.id}` : `feedback:${feedback.id}:unseen`,
    render: (_locale, t) => ({
      text: t(kind === "new" ? "feedback-staff-notice" : "feedback-unseen-notice", { author: authorLine(feedback.author), text: escapeHtml(feedback.text) }),
      ...(feedback.photo === null ? {} : { photo: feedback.photo }),
      buttons: [[{ text: t("feedback-seen-button"), callback_data: seenButton.data({ feedbackId: feedback.id }) }]],
    }),
  });
}
