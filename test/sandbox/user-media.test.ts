import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Message, Update, User } from "@grammyjs/types";
import type { SendResponse } from "../../src/sandbox/control.ts";
import { TINY_MP4, TINY_PNG, TOKEN, control, ok, startEmulator, webpHeader } from "./helpers.ts";

const png = TINY_PNG.toString("base64");

async function userOverHttp() {
  const { url, emu } = await startEmulator();
  await control(url, "POST", "bots", { token: TOKEN });
  const user = (await control<User>(url, "POST", "users", { first_name: "Ann" })).body;
  const send = (body: Record<string, unknown>) => control<SendResponse & { error?: string }>(url, "POST", "send", { from: user.id, ...body });
  return { url, emu, user, send };
}

describe("media users send through the control API", () => {
  test("a location reaches the bot as a message with its coordinates", async () => {
    const { url, send } = await userOverHttp();
    const sent = await send({ location: { latitude: 52.52, longitude: 13.405, horizontal_accuracy: 30 } });
    assert.equal(sent.status, 200, sent.body.error);
    const updates = await ok<Update[]>(url, "getUpdates", {});
    assert.deepEqual(updates[0]?.message?.location, { latitude: 52.52, longitude: 13.405, horizontal_accuracy: 30 });
  });

  test("coordinates off the globe are a 400 with the reason, and nothing is sent", async () => {
    const { url, send } = await userOverHttp();
    const bad = await send({ location: { latitude: 95, longitude: 10 } });
    assert.deepEqual([bad.status, bad.body.error], [400, "location.latitude must be a number from -90 to 90"]);
    assert.equal((await send({ location: { latitude: 1, longitude: "east" } })).body.error, "location.longitude must be a number from -180 to 180");
    assert.deepEqual(await ok(url, "getUpdates", {}), []);
  });

  test("a video keeps its stated size and downloads through getFile", async () => {
    const { url, send } = await userOverHttp();
    const sent = await send({ video: { base64: TINY_MP4.toString("base64"), caption: "Look", duration: 4, width: 320, height: 240, file_name: "clip.mp4" } });
    assert.equal(sent.status, 200, sent.body.error);
    const video = (sent.body.message as Message.VideoMessage).video;
    assert.deepEqual([video.duration, video.width, video.height, video.mime_type, sent.body.message.caption], [4, 320, 240, "video/mp4", "Look"]);
    const file = await ok<{ file_path: string }>(url, "getFile", { file_id: video.file_id });
    assert.deepEqual(Buffer.from(await (await fetch(`${url}/file/bot${TOKEN}/${file.file_path}`)).arrayBuffer()), TINY_MP4);
  });

  test("a sticker is a WebP file or a known sticker's file_id, with its emoji", async () => {
    const { send } = await userOverHttp();
    const sent = await send({ sticker: { base64: webpHeader(512, 512).toString("base64"), emoji: "👍" } });
    assert.equal(sent.status, 200, sent.body.error);
    const sticker = (sent.body.message as Message.StickerMessage).sticker;
    assert.deepEqual([sticker.width, sticker.height, sticker.emoji, sticker.is_animated], [512, 512, "👍", false]);
    const again = await send({ sticker: { file_id: sticker.file_id } });
    assert.equal((again.body.message as Message.StickerMessage).sticker.file_id, sticker.file_id);
    assert.equal((await send({ sticker: { base64: png } })).body.error, "sticker must be a .WEBP, .TGS or .WEBM file");
    assert.equal((await send({ sticker: {} })).body.error, "sticker needs exactly one of base64 and file_id");
  });

  test("an album of photos and a video is one message per item with one media_group_id", async () => {
    const { url, send } = await userOverHttp();
    const sent = await send({
      media_group: [
        { type: "photo", base64: png, caption: "Our trip" },
        { type: "photo", base64: png },
        { type: "video", base64: TINY_MP4.toString("base64"), duration: 2 },
      ],
    });
    assert.equal(sent.status, 200, sent.body.error);
    const messages = sent.body.messages ?? [];
    assert.equal(messages.length, 3);
    assert.deepEqual(sent.body.message, messages[0]);
    const updates = await ok<Update[]>(url, "getUpdates", {});
    assert.equal(updates.length, 3, "each album item is its own update");
    const groupId = updates[0]?.message?.media_group_id;
    assert.match(groupId ?? "", /^\d+$/);
    assert.ok(updates.every((u) => u.message?.media_group_id === groupId));
    assert.deepEqual(updates.map((u) => u.message?.caption), ["Our trip", undefined, undefined]);
    assert.equal(updates[2]?.message?.video?.duration, 2);
  });

  test("an album of 1 or 11, or with a caption over 1024 characters, is a 400 and sends nothing", async () => {
    const { url, send } = await userOverHttp();
    const photo = { type: "photo", base64: png };
    const one = await send({ media_group: [photo] });
    assert.deepEqual([one.status, one.body.error], [400, "media_group must hold 2 to 10 photos and videos (got 1)"]);
    assert.equal((await send({ media_group: Array.from({ length: 11 }, () => photo) })).body.error, "media_group must hold 2 to 10 photos and videos (got 11)");
    const long = await send({ media_group: [photo, { ...photo, caption: "x".repeat(1025) }] });
    assert.equal(long.body.error, "media_group[1].caption is too long (1025 characters; at most 1024)");
    assert.equal((await send({ media_group: [photo, { type: "document", base64: png }] })).body.error, "media_group[1].type must be photo or video");
    assert.equal((await send({ photo: { base64: png, caption: "y".repeat(1025) } })).body.error, "photo.caption is too long (1025 characters; at most 1024)");
    assert.equal((await send({ photo: { base64: Buffer.from("not an image").toString("base64") } })).body.error, "photo is not an image (PNG, JPEG, GIF or WebP)");
    assert.deepEqual(await ok(url, "getUpdates", {}), []);
  });

  test("a user's text of 4096 characters is sent and one of 4097 is a 400 that sends nothing, as Telegram allows", async () => {
    const { url, send } = await userOverHttp();
    const long = await send({ text: "x".repeat(4097) });
    assert.deepEqual([long.status, long.body.error], [400, "text is too long (4097 characters; at most 4096)"]);
    assert.deepEqual(await ok(url, "getUpdates", {}), []);
    assert.equal((await send({ text: "y".repeat(4096) })).status, 200);
    assert.equal((await ok<Update[]>(url, "getUpdates", {}))[0]?.message?.text?.length, 4096);
  });

  test("documents and voice notes keep a caption and download through the control API", async () => {
    const { url, send } = await userOverHttp();
    const doc = await send({ document: { base64: Buffer.from("a,b\n").toString("base64"), file_name: "list.csv", caption: "the list" } });
    assert.equal(doc.body.message.caption, "the list");
    const voice = await send({ voice: { base64: Buffer.from("OggS voice").toString("base64"), duration: 2, caption: "listen" } });
    assert.equal(voice.body.message.caption, "listen");
    const res = await fetch(`${url}/control/files/${voice.body.message.voice?.file_id}`);
    assert.equal(res.headers.get("content-type"), "audio/ogg");
    assert.equal(Buffer.from(await res.arrayBuffer()).toString(), "OggS voice");
    const mp3 = await send({ voice: { base64: Buffer.from("ID3 mp3").toString("base64"), duration: 1, mime_type: "audio/mpeg" } });
    assert.equal(mp3.body.message.voice?.mime_type, "audio/mpeg");
    const wav = await send({ voice: { base64: Buffer.from("RIFF wav").toString("base64"), duration: 1, mime_type: "audio/wav" } });
    assert.deepEqual([wav.status, wav.body.error], [400, "voice.mime_type must be one of audio/ogg, audio/mpeg, audio/mp4"]);
  });
});

describe("users editing their messages", () => {
  test("an edited text reaches the bot as edited_message and replaces the transcript's message", async () => {
    const { url, emu, user, send } = await userOverHttp();
    const sent = await send({ text: "Book at 10" });
    const edited = await control<SendResponse>(url, "POST", "edit", { from: user.id, message_id: sent.body.message.message_id, text: "Book at 11 /start" });
    assert.equal(edited.status, 200);
    const updates = await ok<Update[]>(url, "getUpdates", {});
    assert.deepEqual(updates.map((u) => Object.keys(u).find((k) => k !== "update_id")), ["message", "edited_message"]);
    const message = updates[1]?.edited_message;
    assert.equal(message?.message_id, sent.body.message.message_id);
    assert.equal(message?.text, "Book at 11 /start");
    assert.deepEqual(message?.entities, [{ type: "bot_command", offset: 11, length: 6 }]);
    assert.equal(typeof message?.edit_date, "number");
    const transcript = await emu.control.transcript({ chat_id: user.id });
    assert.deepEqual(transcript.map((e) => [e.direction, e.message?.text]), [["from_user", "Book at 11 /start"], ["edit", "Book at 11 /start"]]);
  });

  test("a photo's caption is edited, and bad edits are 400s that change nothing", async () => {
    const { url, emu, user, send } = await userOverHttp();
    const photo = (await send({ photo: { base64: png, caption: "before" } })).body.message;
    const edit = (body: Record<string, unknown>) => control<SendResponse & { error?: string }>(url, "POST", "edit", { from: user.id, message_id: photo.message_id, ...body });
    assert.equal((await edit({ caption: "after" })).body.message.caption, "after");
    assert.equal((await edit({ caption: "after" })).body.error, "message is not modified: the new content is the same as the current one");
    assert.equal((await edit({ caption: "z".repeat(1025) })).body.error, "caption is too long (1025 characters; at most 1024)");
    assert.equal((await edit({ text: "x" })).body.error, `message ${photo.message_id} has no text to edit`);
    const bots = await ok<Message>(url, "sendMessage", { chat_id: user.id, text: "bot's" });
    const foreign = await control<{ error: string }>(url, "POST", "edit", { from: user.id, message_id: bots.message_id, text: "mine now" });
    assert.deepEqual([foreign.status, foreign.body.error], [400, `message ${bots.message_id} was not sent by user ${user.id}`]);
    assert.equal((await control(url, "POST", "edit", { from: user.id, message_id: 99, text: "x" })).status, 404);
    assert.equal(emu.control.updates().filter((u) => u.edited_message !== undefined).length, 1);
  });
});
