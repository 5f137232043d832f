import { defineCommand, type CommandScope } from "../commands/command.ts";

export interface KeepThreadNoteInput {
  threadId: number;
  messageId: number;
  text: string;
}

/**
 * Records a staff member's internal note in a subject's thread (a message behind the bot's note
 * marker): it stays in the group and in the record, and never reaches the module's routing, so
 * never the person the subject belongs to.
 */
export const keepThreadNote = defineCommand("work-groups.note", async (scope: CommandScope, input: KeepThreadNoteInput) => {
  const authorId = scope.actor.personId;
  if (authorId === null) throw new Error("a note has an author");
  const note = await scope.trx
    .insertInto("thread_note")
    .values({ bot_id: scope.actor.botId, thread_id: input.threadId, author_id: authorId, message_id: input.messageId, text: input.text, at: scope.now })
    .onConflict((conflict) => conflict.columns(["bot_id", "thread_id", "message_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (note === undefined) return { result: false, audit: null };
  return { result: true, audit: { objectType: "subject_thread", objectId: input.threadId, after: { note: input.text, messageId: input.messageId } } };
});

/** A thread's notes, oldest first (for the module's record of the subject, the panel). */
export function notesOf(db: Pick<CommandScope["trx"], "selectFrom">, botId: string, threadId: number) {
  return db.selectFrom("thread_note").select(["author_id", "message_id", "text", "at"]).where("bot_id", "=", botId).where("thread_id", "=", threadId).orderBy("id").execute();
}
