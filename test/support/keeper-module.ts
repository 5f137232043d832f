import { Composer } from "grammy";
import { defineCommand } from "../../src/platform/commands/command.ts";
import { saveFile } from "../../src/platform/files/file-store.ts";
import { keepReceivedFile } from "../../src/platform/files/keep-received-file.ts";
import { receivedFileOf, type ReceivedFile } from "../../src/platform/files/received-file.ts";
import { storedFileMessage } from "../../src/platform/files/stored-file-message.ts";
import { defineModule } from "../../src/platform/module.ts";
import type { BotyardContext } from "../../src/platform/telegram/context.ts";

/** Keeps what a person sends: the platform records it and downloads it in a job. */
export const keepSentFile = defineCommand("keeper.keep", async (scope, input: { file: ReceivedFile; personId: number }) => {
  const kept = await keepReceivedFile(scope, input.file, { module: "keeper", personId: input.personId });
  return { result: kept, audit: kept.ok ? { objectType: "file", objectId: kept.fileId } : null };
});

/** Makes a report (a file of the app's) and sends it to a person as a document, in one transaction. */
export const sendReport = defineCommand("keeper.send-report", async (scope, input: { chatId: number; name: string; text: string }) => {
  const file = await saveFile(scope.trx, { botId: scope.actor.botId, module: "keeper", personId: input.chatId }, { name: input.name, mimeType: "text/csv", bytes: Buffer.from(input.text) }, scope.now);
  await scope.send(storedFileMessage({ chatId: input.chatId, fileId: file.id, as: "document", dedupeKey: `keeper:report:${file.id}`, caption: input.name }));
  return { result: file.id, audit: { objectType: "file", objectId: file.id } };
});

/**
 * A module that keeps every photo, document and voice note people send, answering with the
 * file's id, and sends reports the app makes: the files API as a module uses it.
 */
export const keeperModule = defineModule({
  name: "keeper",
  catalogues: [
    { locale: "en", ftl: "keeper-kept = Kept as file { $id }." },
    { locale: "ru", ftl: "keeper-kept = Сохранено как файл { $id }." },
  ],
  commands: [keepSentFile, sendReport],
  composer: () => {
    const composer = new Composer<BotyardContext>();
    composer.on(["message:photo", "message:document", "message:voice"], async (ctx) => {
      const file = receivedFileOf(ctx.message);
      if (file === undefined) return;
      const kept = await ctx.run(keepSentFile, { file, personId: ctx.from.id });
      await ctx.reply(kept.ok ? ctx.t("keeper-kept", { id: String(kept.fileId) }) : ctx.t(kept.reason, { sizeMb: kept.sizeMb ?? 0, limitMb: kept.limitMb ?? 0 }));
    });
    return composer;
  },
});
