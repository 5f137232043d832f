import { defineCommand, type CommandScope } from "../commands/command.ts";
import { saveFile, type StoredFile } from "./file-store.ts";

export interface UploadInput {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  expiresAt: Date | null;
}

/** A file someone uploads in the panel, kept as the platform's, theirs as the uploader. */
export const uploadFile = defineCommand("files.upload", async (scope: CommandScope, input: UploadInput) => {
  const file: StoredFile = await saveFile(
    scope.trx,
    { botId: scope.actor.botId, module: "files", personId: scope.actor.personId },
    { name: input.name, mimeType: input.mimeType, bytes: input.bytes, origin: "uploaded", expiresAt: input.expiresAt },
    scope.now,
  );
  return { result: file, audit: { objectType: "file", objectId: file.id, after: { name: file.name, size: file.size, sha256: file.sha256, mimeType: file.mimeType } } };
});
