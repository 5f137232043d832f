import { defineCommand, type CommandScope } from "../../../../src/platform/commands/command.ts";
import { refusal, type Outcome } from "../../../../src/platform/domain/outcome.ts";
import type { NotesTables } from "../tables.ts";

export const REMIND_EVENT = "notes.remind";
export const COUNT_QUEUE = "notes.count-words";
export const REMIND_AFTER_MS = 60 * 60 * 1000;

export type KeepNoteOutcome = Outcome<{ id: number }, "empty">;

/** Keeps a note, queues the word count (a job) and a reminder an hour later (a scheduled event). */
export const keepNote = defineCommand("notes.keep", async (scope: CommandScope<NotesTables>, input: { text: string; failAfterQueueing?: boolean }) => {
  const text = input.text.trim();
  if (text === "") return { result: refusal("empty") as KeepNoteOutcome, audit: null };
  const { id } = await scope.trx.insertInto("note").values({ bot_id: scope.actor.botId, author_id: scope.actor.personId ?? 0, text }).returning("id").executeTakeFirstOrThrow();
  await scope.enqueue(COUNT_QUEUE, { noteId: id });
  await scope.schedule(REMIND_EVENT, { dedupeKey: `notes:${id}:remind`, payload: { noteId: id }, dueAt: new Date(scope.now.getTime() + REMIND_AFTER_MS) });
  if (input.failAfterQueueing === true) throw new Error("the command fails after queueing its job");
  return { result: { ok: true, id } as KeepNoteOutcome, audit: { objectType: "note", objectId: id, after: { text } } };
});
