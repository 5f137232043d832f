import { InputFile } from "grammy";
import { sql, type Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { storedFileOf, streamFile } from "./file-store.ts";
import { FILE_LIMITS, FileTooLargeError } from "./limits.ts";
import type { TelegramFileKind } from "./received-file.ts";
import { SEND_METHOD_OF, sentFileIdOf } from "./stored-file-message.ts";

/** An outbox call with its stored file put in, and what to record once Telegram took it. */
export interface AttachedFile {
  payload: Record<string, unknown>;
  sent(result: unknown): Promise<void>;
}

const KIND_OF = new Map<string, TelegramFileKind>(Object.entries(SEND_METHOD_OF).map(([kind, method]) => [method, kind as TelegramFileKind]));

/**
 * For an outbox row made by `storedFileMessage`: the payload with the file in place of
 * `stored_file_id`, either Telegram's file id from an earlier send or an upload streamed from the
 * database. Undefined for any other row. Throws when the file cannot be sent (deleted, not yet
 * received, over Telegram's upload limit): the row fails with that reason.
 */
export async function attachStoredFile(db: Kysely<PlatformTables>, botId: string, method: string, payload: Record<string, unknown>): Promise<AttachedFile | undefined> {
  const { stored_file_id: fileId, ...rest } = payload;
  if (fileId === undefined) return undefined;
  const kind = KIND_OF.get(method);
  if (typeof fileId !== "number" || kind === undefined) throw new Error(`${method} cannot send stored file ${JSON.stringify(fileId)}`);
  const row = await db.selectFrom("stored_file").selectAll().where("bot_id", "=", botId).where("id", "=", fileId).executeTakeFirst();
  if (row === undefined) throw new Error(`stored file ${fileId} no longer exists`);
  if (row.status !== "stored") throw new Error(`stored file ${fileId} is ${row.status}, not stored`);
  const file = storedFileOf(row);
  const telegramFileId = row.telegram_file_ids[kind];
  if (telegramFileId !== undefined) return { payload: { ...rest, [kind]: telegramFileId }, sent: () => Promise.resolve() };

  const limit = kind === "photo" ? FILE_LIMITS.photoBytes : FILE_LIMITS.storedBytes;
  if ((file.size ?? 0) > limit) throw new FileTooLargeError(file.size ?? 0, limit, `Stored file ${fileId} sent as a ${kind}`);
  return {
    payload: { ...rest, [kind]: new InputFile(streamFile(db, file), file.name) },
    async sent(result) {
      const given = sentFileIdOf(result, kind);
      if (given === undefined) return;
      await db
        .updateTable("stored_file")
        .set({ telegram_file_ids: sql<string>`telegram_file_ids || ${JSON.stringify({ [kind]: given })}::jsonb` })
        .where("id", "=", fileId)
        .execute();
    },
  };
}
