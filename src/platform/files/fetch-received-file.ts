import { GrammyError, type Api } from "grammy";
import type { JobContext } from "../module.ts";
import { FILE_LIMITS } from "./limits.ts";
import { recordReceivedFile, type ReceivedContent } from "./record-received-file.ts";

/** Where Telegram serves a file's bytes: `<api root>/file/bot<token>/<file_path>`. */
function downloadUrl(api: Api, filePath: string): string {
  const root = api.options?.apiRoot ?? "https://api.telegram.org";
  return `${root}/file/bot${api.token}/${filePath}`;
}

/** The body, or undefined once it passes `limit` bytes (the rest is not read). */
async function readUpTo(response: Response, limit: number): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let total = 0;
  if (response.body === null) return new Uint8Array();
  for await (const part of response.body) {
    total += part.byteLength;
    if (total > limit) {
      await response.body.cancel().catch(() => undefined);
      return undefined;
    }
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/**
 * Downloads one received file from Telegram (getFile, then the file URL), on any replica, and
 * records what came of it. A failed download (network, 5xx) throws, so the job is retried.
 */
export async function fetchReceivedFile(context: JobContext, data: { botId: string; fileId: number }, signal: AbortSignal): Promise<ReceivedContent | undefined> {
  const row = await context.database.db
    .selectFrom("stored_file")
    .select(["telegram_file_ids", "size"])
    .where("bot_id", "=", data.botId)
    .where("id", "=", data.fileId)
    .where("status", "=", "receiving")
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const telegramFileId = Object.values(row.telegram_file_ids)[0];
  if (telegramFileId === undefined) throw new Error(`received file ${data.fileId} has no Telegram file id`);
  const tooLarge = (size: number | null | undefined): ReceivedContent => ({ fileId: data.fileId, tooLarge: { size: Math.max(size ?? 0, FILE_LIMITS.receivedBytes + 1) } });

  const api = context.botApi(data.botId);
  let file;
  try {
    file = await api.getFile(telegramFileId, signal as Parameters<Api["getFile"]>[1]);
  } catch (error) {
    if (error instanceof GrammyError && /file is too big/i.test(error.description)) return tooLarge(row.size);
    throw error;
  }
  if (file.file_size !== undefined && file.file_size > FILE_LIMITS.receivedBytes) return tooLarge(file.file_size);
  if (file.file_path === undefined) throw new Error(`Telegram gave no file_path for received file ${data.fileId}`);
  const response = await fetch(downloadUrl(api, file.file_path), { signal });
  if (!response.ok) throw new Error(`downloading received file ${data.fileId} failed: HTTP ${response.status}`);
  const bytes = await readUpTo(response, FILE_LIMITS.receivedBytes);
  return bytes === undefined ? tooLarge(file.file_size) : { fileId: data.fileId, bytes };
}

/** The `files.fetch` job: download, then record the outcome through its command. */
export function fetchJob(context: JobContext) {
  return async (data: { botId: string } & Record<string, unknown>, job: { signal: AbortSignal }): Promise<void> => {
    const content = await fetchReceivedFile(context, { botId: data.botId, fileId: Number(data.fileId) }, job.signal);
    if (content !== undefined) await context.run({ botId: data.botId, personId: null, source: "job" }, recordReceivedFile, content);
  };
}
