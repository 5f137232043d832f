import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { File, Message } from "@grammyjs/types";
import { TINY_MP4, TINY_PNG, TOKEN, api, ok, startEmulator, webpHeader } from "./helpers.ts";

async function chatWithUser() {
  const { url, emu } = await startEmulator();
  await ok(url, "getMe");
  const user = emu.control.createUser({ first_name: "Ann" });
  return { url, emu, user };
}

async function upload(url: string, method: string, fields: Record<string, string>, files: { field: string; name: string; bytes: Buffer; type: string }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const f of files) form.set(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  const res = await fetch(`${url}/bot${TOKEN}/${method}`, { method: "POST", body: form });
  return (await res.json()) as { ok: boolean; result: unknown; description?: string };
}

describe("media the bot sends", () => {
  test("sendVideo keeps the stated duration and size, and the video downloads", async () => {
    const { url, user } = await chatWithUser();
    const sent = await upload(url, "sendVideo", { chat_id: String(user.id), duration: "12", width: "640", height: "360", caption: "Tour" }, [
      { field: "video", name: "tour.mp4", bytes: TINY_MP4, type: "video/mp4" },
    ]);
    assert.equal(sent.ok, true, sent.description);
    const message = sent.result as Message.VideoMessage;
    assert.deepEqual(
      [message.video.duration, message.video.width, message.video.height, message.video.mime_type, message.video.file_name, message.caption],
      [12, 640, 360, "video/mp4", "tour.mp4", "Tour"],
    );
    const file = await ok<File>(url, "getFile", { file_id: message.video.file_id });
    const download = await fetch(`${url}/file/bot${TOKEN}/${file.file_path}`);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), TINY_MP4);
  });

  test("sendSticker takes a WebP upload or a sticker's file_id, and refuses other files", async () => {
    const { url, user } = await chatWithUser();
    const sent = await upload(url, "sendSticker", { chat_id: String(user.id), emoji: "🙂" }, [
      { field: "sticker", name: "smile.webp", bytes: webpHeader(512, 480), type: "image/webp" },
    ]);
    assert.equal(sent.ok, true, sent.description);
    const sticker = (sent.result as Message.StickerMessage).sticker;
    assert.deepEqual([sticker.type, sticker.width, sticker.height, sticker.is_animated, sticker.is_video, sticker.emoji], ["regular", 512, 480, false, false, "🙂"]);
    const again = await ok<Message.StickerMessage>(url, "sendSticker", { chat_id: user.id, sticker: sticker.file_id });
    assert.equal(again.sticker.file_unique_id, sticker.file_unique_id);
    const png = await upload(url, "sendSticker", { chat_id: String(user.id) }, [{ field: "sticker", name: "a.png", bytes: TINY_PNG, type: "image/png" }]);
    assert.equal(png.description, "Bad Request: STICKER_FILE_INVALID");
    assert.equal((await api(url, "sendSticker", { chat_id: user.id })).description, "Bad Request: there is no sticker in the request");
  });

  test("sendLocation stores the coordinates and refuses ones off the globe", async () => {
    const { url, emu, user } = await chatWithUser();
    const message = await ok<Message.LocationMessage>(url, "sendLocation", { chat_id: user.id, latitude: 52.52, longitude: "13.405", horizontal_accuracy: 25 });
    assert.deepEqual(message.location, { latitude: 52.52, longitude: 13.405, horizontal_accuracy: 25 });
    assert.equal((await api(url, "sendLocation", { chat_id: user.id, latitude: 91, longitude: 0 })).description, "Bad Request: wrong latitude or longitude specified");
    assert.equal((await api(url, "sendLocation", { chat_id: user.id, latitude: 1, longitude: 1, heading: 400 })).description, "Bad Request: heading must be a number from 1 to 360");
    assert.equal((await api(url, "sendLocation", { chat_id: user.id, latitude: 1 })).description, 'Bad Request: parameter "longitude" is required');
    const transcript = await emu.control.transcript({ chat_id: user.id });
    assert.equal(transcript.filter((e) => e.message?.location !== undefined).length, 1, "refused locations are not sent");
  });

  test("sendMediaGroup sends an album of uploads and file_ids with one media_group_id", async () => {
    const { url, emu, user } = await chatWithUser();
    const known = emu.control.send({ from: user.id, photo: { base64: TINY_PNG.toString("base64") } }).message.photo?.[0]?.file_id;
    const media = [
      { type: "photo", media: "attach://first", caption: "<b>Our</b> salon", parse_mode: "HTML" },
      { type: "photo", media: known },
      { type: "video", media: "attach://clip", duration: 3 },
    ];
    const sent = await upload(url, "sendMediaGroup", { chat_id: String(user.id), media: JSON.stringify(media) }, [
      { field: "first", name: "a.png", bytes: TINY_PNG, type: "image/png" },
      { field: "clip", name: "clip.mp4", bytes: TINY_MP4, type: "video/mp4" },
    ]);
    assert.equal(sent.ok, true, sent.description);
    const album = sent.result as Message[];
    assert.equal(album.length, 3);
    const groupId = album[0]?.media_group_id;
    assert.match(groupId ?? "", /^\d+$/);
    assert.ok(album.every((m) => m.media_group_id === groupId));
    assert.deepEqual(album.map((m) => m.message_id), [2, 3, 4]);
    assert.equal(album[0]?.caption, "Our salon");
    assert.deepEqual(album[0]?.caption_entities, [{ type: "bold", offset: 0, length: 3 }]);
    assert.equal(album[1]?.photo?.[0]?.file_id, known);
    assert.equal(album[2]?.video?.duration, 3);
    const entries = (await emu.control.transcript({ chat_id: user.id })).filter((e) => e.method === "sendMediaGroup");
    assert.equal(entries.length, 3);
  });

  test("sendMediaGroup refuses a bad album whole, and sends a single item as one message", async () => {
    const { url, emu, user } = await chatWithUser();
    const photo = emu.control.send({ from: user.id, photo: { base64: TINY_PNG.toString("base64") } }).message.photo?.[0]?.file_id;
    const send = (media: unknown) => api<Message[]>(url, "sendMediaGroup", { chat_id: user.id, media });
    assert.equal((await send([])).description, "Bad Request: there are no messages to send");
    assert.equal((await send(Array.from({ length: 11 }, () => ({ type: "photo", media: photo })))).description, "Bad Request: too many messages to send as an album");
    assert.equal((await send([{ type: "photo", media: photo }, { type: "document", media: photo }])).description, "Bad Request: document can't be mixed with other media types");
    assert.equal((await send([{ type: "photo", media: photo }, { type: "photo", media: photo, caption: "x".repeat(1025) }])).description, "Bad Request: message caption is too long");
    assert.equal((await send([{ type: "photo", media: photo }, { type: "photo", media: "attach://missing" }])).description, "Bad Request: can't parse InputMedia: media not found");
    assert.equal((await send([{ type: "animation", media: photo }, { type: "photo", media: photo }])).description, `Bad Request: can't parse InputMedia: type "animation" can't be used in sendMediaGroup`);
    assert.equal((await emu.control.transcript({ chat_id: user.id })).filter((e) => e.direction === "from_bot").length, 0, "nothing of a refused album is sent");
    const single = await send([{ type: "photo", media: photo, caption: "one" }]);
    assert.equal(single.ok, true, single.description);
    assert.equal(single.result?.length, 1);
    assert.equal(single.result?.[0]?.media_group_id, undefined);
  });

  test("editMessageCaption changes a video's caption, editMessageText refuses media", async () => {
    const { url, user } = await chatWithUser();
    const sent = await upload(url, "sendVideo", { chat_id: String(user.id), caption: "old" }, [{ field: "video", name: "v.mp4", bytes: TINY_MP4, type: "video/mp4" }]);
    const id = (sent.result as Message).message_id;
    const edited = await ok<Message>(url, "editMessageCaption", { chat_id: user.id, message_id: id, caption: "<i>new</i>", parse_mode: "HTML" });
    assert.deepEqual([edited.caption, edited.caption_entities, typeof edited.edit_date], ["new", [{ type: "italic", offset: 0, length: 3 }], "number"]);
    assert.equal((await api(url, "editMessageCaption", { chat_id: user.id, message_id: id, caption: "y".repeat(1025) })).description, "Bad Request: message caption is too long");
    assert.equal((await api(url, "editMessageText", { chat_id: user.id, message_id: id, text: "x" })).description, "Bad Request: there is no text in the message to edit");
    const location = await ok<Message>(url, "sendLocation", { chat_id: user.id, latitude: 1, longitude: 2 });
    assert.equal((await api(url, "editMessageCaption", { chat_id: user.id, message_id: location.message_id, caption: "x" })).description, "Bad Request: there is no caption in the message to edit");
  });

  test("copyMessage copies a location and a sticker", async () => {
    const { url, emu, user } = await chatWithUser();
    const loc = emu.control.send({ from: user.id, location: { latitude: 48.1, longitude: 11.6 } }).message;
    const copied = await ok<{ message_id: number }>(url, "copyMessage", { chat_id: user.id, from_chat_id: user.id, message_id: loc.message_id });
    const entry = (await emu.control.transcript({ chat_id: user.id })).find((e) => e.message?.message_id === copied.message_id);
    assert.deepEqual(entry?.message?.location, { latitude: 48.1, longitude: 11.6 });
  });
});
