import { defineCommand } from "../commands/command.ts";
import type { CommandScope } from "../commands/command.ts";
import { storeContent } from "./file-store.ts";
import { FILE_LIMITS, megabytes } from "./limits.ts";

/** What the download found: the bytes, or that Telegram's file is over what a bot may download. */
export type ReceivedContent = { fileId: number; bytes: Uint8Array } | { fileId: number; tooLarge: { size: number } };

/**
 * Records the outcome of downloading a received file: its bytes stored (once per bot and
 * content), or, over 20 MB, nothing stored, the file marked refused and its sender told why in
 * their language. A file no longer being received (done before, deleted) is left alone.
 */
export const recordReceivedFile = defineCommand("files.receive", async (scope: CommandScope, input: ReceivedContent) => {
  const botId = scope.actor.botId;
  const file = await scope.trx
    .selectFrom("stored_file")
    .select(["id", "name", "person_id"])
    .where("bot_id", "=", botId)
    .where("id", "=", input.fileId)
    .where("status", "=", "receiving")
    .forUpdate()
    .executeTakeFirst();
  if (file === undefined) return { result: "not-receiving" as const, audit: null };
  const size = "bytes" in input ? input.bytes.byteLength : input.tooLarge.size;
  if ("bytes" in input && size <= FILE_LIMITS.receivedBytes) {
    const sha256 = await storeContent(scope.trx, botId, input.bytes);
    await scope.trx.updateTable("stored_file").set({ status: "stored", sha256, size, stored_at: scope.now }).where("id", "=", file.id).execute();
    return { result: "stored" as const, audit: { objectType: "file", objectId: file.id, after: { name: file.name, size, sha256 } } };
  }
  await scope.trx.updateTable("stored_file").set({ status: "refused", size, refused_reason: "too-large" }).where("id", "=", file.id).execute();
  const sender = file.person_id;
  if (sender !== null) {
    const args = { sizeMb: megabytes(size), limitMb: megabytes(FILE_LIMITS.receivedBytes) };
    await scope.tell(sender, { dedupeKey: `files:${file.id}:too-large`, render: (_locale, t) => ({ text: t("files-too-large", args) }) });
  }
  return { result: "refused" as const, audit: { objectType: "file", objectId: file.id, after: { name: file.name, size, refused: "too-large" } } };
});
