import { defineCommand, type CommandScope } from "../../../../src/platform/commands/command.ts";
import type { NotesTables } from "../tables.ts";

/** Sends a note back to its author as a reminder. */
export const remindOfNote = defineCommand("notes.remind", async (scope: CommandScope<NotesTables>, input: { noteId: number }) => {
  const note = await scope.trx.selectFrom("note").select(["id", "author_id", "text"]).where("id", "=", input.noteId).executeTakeFirstOrThrow();
  await scope.tell(note.author_id, { dedupeKey: `notes:${note.id}:reminder`, render: (_locale, t) => ({ text: t("notes-reminder", { text: note.text }) }) });
  return { result: { reminded: true }, audit: { objectType: "note", objectId: note.id, after: { reminded: true } } };
});
