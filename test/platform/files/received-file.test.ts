import assert from "node:assert/strict";
import { test } from "node:test";
import type { Message } from "grammy/types";
import { receivedFileOf } from "../../../src/platform/files/received-file.ts";

test("a video is a received file, sent back the way it came", () => {
  const message = { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "Ann" }, video: { file_id: "v-1", file_unique_id: "u", width: 1, height: 1, duration: 3, mime_type: "video/mp4", file_size: 2048 } } as Message;
  assert.deepEqual(receivedFileOf(message), { kind: "video", telegramFileId: "v-1", name: "video-u.mp4", mimeType: "video/mp4", size: 2048 });
});
