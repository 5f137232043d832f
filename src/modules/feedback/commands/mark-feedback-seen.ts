import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import type { FeedbackTables } from "../tables.ts";

export type MarkSeenOutcome = Outcome<{ id: number }, "not-allowed" | "not-found" | "already-seen">;

/**
 * A reader marks a message seen. The first press counts: the unseen reminder is called off and
 * the author is told, in their language, that the team has read it. A later press (by anyone) is
 * refused as already seen; so is a press by someone who may no longer read feedback (checked in
 * this transaction, so a role taken a moment ago counts).
 */
export const markFeedbackSeen = defineCommand("feedback.seen", async (scope: CommandScope<FeedbackTables>, input: { feedbackId: number }) => {
  if (!(await scope.actorCan("feedback.read"))) return { result: refusal("not-allowed") as MarkSeenOutcome, audit: null };
  const before = await scope.trx
    .selectFrom("feedback")
    .select(["id", "author_id", "seen_at"])
    .where("bot_id", "=", scope.actor.botId)
    .where("id", "=", input.feedbackId)
    .forUpdate()
    .executeTakeFirst();
  if (before === undefined) return { result: refusal("not-found") as MarkSeenOutcome, audit: null };
  if (before.seen_at !== null) return { result: refusal("already-seen") as MarkSeenOutcome, audit: null };
  await scope.trx.updateTable("feedback").set({ seen_by: scope.actor.personId, seen_at: scope.now }).where("id", "=", before.id).execute();
  await scope.unschedule(`feedback:${before.id}:unseen`);
  await scope.tell(before.author_id, { dedupeKey: `feedback:${before.id}:seen`, render: (_locale, t) => ({ text: t("feedback-seen-by-team") }) });
  return {
    result: { ok: true, id: before.id } as MarkSeenOutcome,
    audit: { objectType: "feedback", objectId: before.id, before: { seen: false }, after: { seen: true, seenBy: scope.actor.personId } },
  };
});
