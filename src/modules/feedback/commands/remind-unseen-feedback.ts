import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { tellReaders } from "../effects/feedback-notice.ts";
import type { FeedbackTables } from "../tables.ts";

/** A day after a message came, if no reader has marked it seen, every reader is reminded of it once. */
export const remindUnseenFeedback = defineCommand("feedback.remind-unseen", async (scope: CommandScope<FeedbackTables>, input: { feedbackId: number }) => {
  const feedback = await scope.trx
    .selectFrom("feedback")
    .innerJoin("person", "person.telegram_id", "feedback.author_id")
    .select(["feedback.id", "feedback.text", "feedback.photo_file_id", "feedback.seen_at", "person.telegram_id", "person.first_name", "person.last_name", "person.username"])
    .where("feedback.bot_id", "=", scope.actor.botId)
    .where("feedback.id", "=", input.feedbackId)
    .executeTakeFirst();
  if (feedback === undefined || feedback.seen_at !== null) return { result: { reminded: 0 }, audit: null };
  const author = { id: feedback.telegram_id, first_name: feedback.first_name, last_name: feedback.last_name, username: feedback.username };
  const reminded = await tellReaders(scope, { id: feedback.id, text: feedback.text, photo: feedback.photo_file_id, author }, "unseen");
  return { result: { reminded }, audit: { objectType: "feedback", objectId: feedback.id, after: { reminded } } };
});
