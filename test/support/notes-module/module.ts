import { join } from "node:path";
import { cataloguesIn } from "../../../src/platform/i18n/catalogues.ts";
import { defineModule } from "../../../src/platform/module.ts";
import { keepNoteHandler } from "./bot/keep-note.ts";
import { COUNT_QUEUE, REMIND_EVENT, keepNote } from "./commands/keep-note.ts";
import { recordWordCount } from "./commands/record-word-count.ts";
import { remindOfNote } from "./commands/remind-of-note.ts";
import * as notes0001 from "./migrations/0001_notes.ts";
import { NOTES_PERMISSIONS, NOTES_ROLES } from "./permissions.ts";
import type { NotesTables } from "./tables.ts";

/**
 * A module built exactly in the shape docs/modules.md describes, using every part of the
 * contract: a command per verb, a job, a scheduled event, a dashboard card and a role hook.
 */
export const notesModule = defineModule<NotesTables>({
  name: "notes",
  migrations: { notes_0001: notes0001 },
  catalogues: cataloguesIn(join(import.meta.dirname, "locales")),
  roles: NOTES_ROLES,
  permissions: NOTES_PERMISSIONS,
  botCommands: [{ command: "note", description: "command-note" }],
  commands: [keepNote, recordWordCount, remindOfNote],
  composer: () => keepNoteHandler(),
  events: (context) => ({
    [REMIND_EVENT]: async (trx, event) => {
      await context.runIn(trx, { botId: event.bot_id, personId: null, source: "system" }, remindOfNote, { noteId: Number(event.payload.noteId) });
    },
  }),
  jobs: {
    [COUNT_QUEUE]: {
      retryLimit: 2,
      retryDelaySeconds: 1,
      handler: (context) => async (data) => {
        const noteId = Number(data.noteId);
        const note = await context.database.db.selectFrom("note").select("text").where("id", "=", noteId).executeTakeFirstOrThrow();
        // The slow part a handler must not do (an LLM call, a file read) happens here, outside any transaction.
        const words = note.text.split(/\s+/).filter(Boolean).length;
        await context.run({ botId: data.botId, personId: null, source: "job" }, recordWordCount, { noteId, words });
      },
    },
  },
  dashboard: [
    {
      id: "notes",
      title: "notes-card",
      permission: "notes.read",
      async figures({ db, botId }) {
        const row = await db.selectFrom("note").select((eb) => eb.fn.countAll<string>().as("count")).where("bot_id", "=", botId).executeTakeFirst();
        return [{ label: "notes-card-total", value: Number(row?.count ?? 0) }];
      },
    },
  ],
  hooks: () => ({
    async roleGranted(scope, { telegramId, role }) {
      if (role !== "note-keeper") return;
      await scope.tell(telegramId, { dedupeKey: `notes:keeper:${telegramId}`, render: (_locale, t) => ({ text: t("notes-keeper-welcome") }) });
    },
  }),
});
