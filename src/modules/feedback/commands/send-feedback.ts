import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { checkDraft, type FeedbackAuthor } from "../domain/feedback.ts";
import { tellReaders } from "../effects/feedback-notice.ts";
import { UNSEEN_AFTER_MS, UNSEEN_EVENT } from "../domain/unseen.ts";
import type { FeedbackTables } from "../tables.ts";

export interface SendFeedbackInput {
  author: FeedbackAuthor;
  text: string;
  /** file_id of an attached photo. */
  photo: string | null;
}

export type SendFeedbackOutcome = Outcome<{ id: number; told: number }, "feedback-empty" | "feedback-too-long">;

/**
 * Stores what a person wrote and tells every reader (holders of `feedback.read`) in their own
 * language, with a "Seen" button; if nobody has pressed it a day later, the readers are reminded.
 * A message that is empty or too long is refused and changes nothing.
 */
export const sendFeedback = defineCommand("feedback.send", async (scope: CommandScope<FeedbackTables>, input: SendFeedbackInput) => {
  const check = checkDraft(input.text, input.photo);
  if (!check.ok) return { result: refusal(check.error) as SendFeedbackOutcome, audit: null };
  const { text, photo } = check.draft;
  const { id } = await scope.trx
    .insertInto("feedback")
    .values({ bot_id: scope.actor.botId, author_id: input.author.id, text, photo_file_id: photo, created_at: scope.now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const told = await tellReaders(scope, { id, text, photo, author: input.author }, "new");
  await scope.schedule(UNSEEN_EVENT, { dedupeKey: `feedback:${id}:unseen`, payload: { feedbackId: id }, dueAt: new Date(scope.now.getTime() + UNSEEN_AFTER_MS) });
  return { result: { ok: true, id, told } as SendFeedbackOutcome, audit: { objectType: "feedback", objectId: id, after: { text, photo, told } } };
});
