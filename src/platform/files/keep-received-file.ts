import type { CommandScope } from "../commands/command.ts";
import { refusal, type Outcome } from "../domain/outcome.ts";
import { FILE_LIMITS, megabytes } from "./limits.ts";
import type { ReceivedFile } from "./received-file.ts";

/** The platform's queue that downloads received files from Telegram. */
export const FETCH_QUEUE = "files.fetch";

export interface KeepOptions {
  /** The module keeping it: it owns the file. */
  module: string;
  /** Who sent it: told in their language if Telegram's file turns out too large to download. */
  personId: number | null;
  /** When the retention prune deletes it; absent keeps it until deleted. */
  expiresAt?: Date;
}

/** Kept: the file's id (the module stores it); refused: `files-too-large` with the sizes the message names. */
export type KeepOutcome = Outcome<{ fileId: number }, "files-too-large"> & { sizeMb?: number; limitMb?: number };

/**
 * Inside a command: records a file a user sent and queues its download, both in the command's
 * transaction. The file row exists at once (status `receiving`, Telegram's file id kept for
 * sending it back); the `files.fetch` job downloads and stores the bytes on whichever replica
 * takes it. A file Telegram says is over 20 MB (bots cannot download more) is refused and
 * nothing is recorded: show `ctx.t(outcome.reason, outcome)` to the sender.
 */
export async function keepReceivedFile(scope: CommandScope, file: ReceivedFile, options: KeepOptions): Promise<KeepOutcome> {
  if (file.size !== undefined && file.size > FILE_LIMITS.receivedBytes) {
    return refusal("files-too-large", { sizeMb: megabytes(file.size), limitMb: megabytes(FILE_LIMITS.receivedBytes) });
  }
  const { id } = await scope.trx
    .insertInto("stored_file")
    .values({
      bot_id: scope.actor.botId,
      module: options.module,
      person_id: options.personId,
      origin: "received",
      status: "receiving",
      name: file.name,
      mime_type: file.mimeType,
      size: file.size ?? null,
      telegram_file_ids: JSON.stringify({ [file.kind]: file.telegramFileId }),
      created_at: scope.now,
      expires_at: options.expiresAt ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await scope.enqueue(FETCH_QUEUE, { fileId: id }, { singletonKey: `file:${id}` });
  return { ok: true, fileId: id };
}
