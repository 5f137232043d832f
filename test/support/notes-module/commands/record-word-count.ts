import { defineCommand, type CommandScope } from "../../../../src/platform/commands/command.ts";
import type { NotesTables } from "../tables.ts";

/** Stores a note's word count (worked out by the job) and tells its author. */
export const recordWordCount = defineCommand("notes.count", async (scope: CommandScope<NotesTables>, input: { noteId: number; words: number }) => {
  const note = await scope.trx.updateTable("note").set({ words: input.words }).where("id", "=", input.noteId).returning(["id", "author_id"]).executeTakeFirstOrThrow();
  await scope.tell(note.author_id, { dedupeKey: `notes:${note.id}:words`, render: (_locale, t) => ({ text: t("notes-words", { id: note.id, words: input.words }) }) });
  return { result: { words: input.words }, audit: { objectType: "note", objectId: note.id, after: { words: input.words } } };
});
