import { Composer } from "grammy";
import type { BotyardContext } from "../../../../src/platform/telegram/context.ts";
import { keepNote } from "../commands/keep-note.ts";
import type { NotesTables } from "../tables.ts";

/** `/note <text>` keeps a note; `/note! <text>` runs a command that fails after queueing (to show nothing it queued survives). */
export function keepNoteHandler(): Composer<BotyardContext<NotesTables>> {
  const composer = new Composer<BotyardContext<NotesTables>>();
  composer.command("note", async (ctx) => {
    const outcome = await ctx.run(keepNote, { text: ctx.match });
    await ctx.reply(outcome.ok ? ctx.t("notes-saved", { id: outcome.id }) : "empty");
  });
  composer.command("notefail", async (ctx) => {
    await ctx.run(keepNote, { text: ctx.match, failAfterQueueing: true });
  });
  return composer;
}
