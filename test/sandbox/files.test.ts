import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { File, Message } from "@grammyjs/types";
import { TINY_PNG, TOKEN, api, ok, startEmulator } from "./helpers.ts";

async function multipart(url: string, method: string, fields: Record<string, string>, file: { field: string; name: string; bytes: Buffer; type: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = await fetch(`${url}/bot${TOKEN}/${method}`, { method: "POST", body: form });
  return (await res.json()) as { ok: boolean; result: Message; description?: string };
}

describe("files", () => {
  test("a photo uploaded as multipart can be fetched with getFile and downloaded", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const sent = await multipart(
      url,
      "sendPhoto",
      { chat_id: String(user.id), caption: "<b>Receipt</b>", parse_mode: "HTML", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] }) },
      { field: "photo", name: "receipt.png", bytes: TINY_PNG, type: "image/png" },
    );
    assert.equal(sent.ok, true, sent.description);
    const photo = (sent.result as Message.PhotoMessage).photo.at(-1);
    assert.deepEqual([photo?.width, photo?.height, photo?.file_size], [1, 1, TINY_PNG.length]);
    assert.equal((sent.result as Message.PhotoMessage).caption, "Receipt");
    assert.deepEqual((sent.result as Message.PhotoMessage).caption_entities, [{ type: "bold", offset: 0, length: 7 }]);
    const file = await ok<File>(url, "getFile", { file_id: photo?.file_id });
    assert.ok(file.file_path !== undefined);
    const download = await fetch(`${url}/file/bot${TOKEN}/${file.file_path}`);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), TINY_PNG);
    const viaControl = await fetch(`${url}/control/files/${photo?.file_id}`);
    assert.equal(viaControl.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await viaControl.arrayBuffer()), TINY_PNG);
  });

  test("a file_id is reused without uploading again, and an unknown one is refused", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const { message } = emu.control.send({ from: user.id, photo: { base64: TINY_PNG.toString("base64"), caption: "my photo" } });
    const fileId = message.photo?.[0]?.file_id;
    const resent = await ok<Message.PhotoMessage>(url, "sendPhoto", { chat_id: user.id, photo: fileId });
    assert.equal(resent.photo[0]?.file_id, fileId);
    const bad = await api(url, "sendPhoto", { chat_id: user.id, photo: "no-such-file" });
    assert.equal(bad.description, "Bad Request: wrong file identifier/HTTP URL specified");
  });

  test("documents and voice notes from users and bots keep their names and types", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const { message } = emu.control.send({ from: user.id, document: { base64: Buffer.from("a,b\n1,2\n").toString("base64"), file_name: "data.csv" } });
    assert.deepEqual([message.document?.file_name, message.document?.mime_type], ["data.csv", "text/csv"]);
    const voice = emu.control.send({ from: user.id, voice: { base64: Buffer.from("OggS fake").toString("base64"), duration: 3 } });
    assert.deepEqual([voice.message.voice?.duration, voice.message.voice?.mime_type], [3, "audio/ogg"]);
    const doc = await multipart(url, "sendDocument", { chat_id: String(user.id) }, { field: "document", name: "report.pdf", bytes: Buffer.from("%PDF-1.4 fake"), type: "application/pdf" });
    assert.equal(doc.ok, true, doc.description);
    const sentDoc = (doc.result as Message.DocumentMessage).document;
    assert.deepEqual([sentDoc.file_name, sentDoc.mime_type], ["report.pdf", "application/pdf"]);
    const res = await fetch(`${url}/control/files/${sentDoc.file_id}`);
    assert.equal(res.headers.get("content-type"), "application/pdf");
    assert.equal((await fetch(`${url}/control/files/unknown`)).status, 404);
  });
});
