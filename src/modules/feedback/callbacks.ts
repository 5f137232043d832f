import { callbackData, field } from "../../platform/telegram/callback-data.ts";

/** "Write to us" in the home menu. */
export const writeToUsButton = callbackData("feedback:start");
/** The preview's Send and Cancel, on the flow's buttons (Cancel also while writing). */
export const sendButton = callbackData("feedback-send");
export const cancelButton = callbackData("feedback-cancel");
/** "Seen" on a notice to the team: `feedback:seen:<message id>`. */
export const seenButton = callbackData("feedback:seen", { feedbackId: field.id });
