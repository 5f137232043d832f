import assert from "node:assert/strict";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import type { Message } from "@grammyjs/types";
import Fastify from "fastify";
import { registerSandboxProxy } from "../../src/platform/http/sandbox-proxy.ts";
import { createBotApiEmulator } from "../../src/sandbox/emulator.ts";
import { gradientPng } from "../browser/support.ts";

const TOKEN = "424242:proxy-test";

async function startProxy(upstream: string): Promise<string> {
  const app = Fastify();
  registerSandboxProxy(app, upstream);
  app.get("/other", () => ({ other: true }));
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  after(() => app.close());
  return url;
}

async function startEmulator(): Promise<string> {
  const emulator = createBotApiEmulator();
  const url = await emulator.listen(0, "127.0.0.1");
  after(() => emulator.close());
  return url;
}

describe("registerSandboxProxy", () => {
  test("forwards JSON control calls with method, query and body, and their answers and statuses", async () => {
    const proxy = await startProxy(await startEmulator());
    const created = await fetch(`${proxy}/sandbox/control/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ first_name: "Ann", language_code: "ru" }),
    });
    assert.equal(created.status, 200);
    assert.match(created.headers.get("content-type") ?? "", /^application\/json/);
    const user = (await created.json()) as { id: number; first_name: string; language_code: string };
    assert.deepEqual([user.first_name, user.language_code], ["Ann", "ru"]);

    await fetch(`${proxy}/sandbox/control/bots`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: TOKEN }) });
    await fetch(`${proxy}/sandbox/control/send`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from: user.id, text: "hi" }) });
    const transcript = (await (await fetch(`${proxy}/sandbox/control/transcript?chat_id=${user.id}&after=0`)).json()) as { message?: Message }[];
    assert.deepEqual(
      transcript.map((e) => e.message?.text),
      ["hi"],
    );

    const missing = await fetch(`${proxy}/sandbox/control/nothing-here`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: "no control route GET nothing-here" });
    const bad = await fetch(`${proxy}/sandbox/control/users`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    assert.equal(bad.status, 400, "a malformed body reaches the emulator as it is, which refuses it");

    const other = await fetch(`${proxy}/other`);
    assert.deepEqual(await other.json(), { other: true }, "routes outside /sandbox/ are untouched");
  });

  test("forwards multipart uploads and streams binary files back with their headers", async () => {
    const proxy = await startProxy(await startEmulator());
    const user = (await (await fetch(`${proxy}/sandbox/control/users`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ first_name: "Bo" }) })).json()) as { id: number };
    const png = gradientPng(64, 32);
    const form = new FormData();
    form.set("chat_id", String(user.id));
    form.set("photo", new Blob([new Uint8Array(png)], { type: "image/png" }), "p.png");
    const sent = (await (await fetch(`${proxy}/sandbox/bot${TOKEN}/sendPhoto`, { method: "POST", body: form })).json()) as { ok: boolean; result: Message.PhotoMessage };
    assert.equal(sent.ok, true);
    const size = sent.result.photo.at(-1);
    assert.deepEqual([size?.width, size?.height], [64, 32]);

    const file = await fetch(`${proxy}/sandbox/control/files/${size?.file_id}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("content-type"), "image/png");
    assert.equal(file.headers.get("content-length"), String(png.length));
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), png);

    const doc = new FormData();
    doc.set("chat_id", String(user.id));
    doc.set("document", new Blob(["a,b\n"], { type: "text/csv" }), "report.csv");
    const docSent = (await (await fetch(`${proxy}/sandbox/bot${TOKEN}/sendDocument`, { method: "POST", body: doc })).json()) as { result: Message.DocumentMessage };
    const download = await fetch(`${proxy}/sandbox/control/files/${docSent.result.document.file_id}`);
    assert.match(download.headers.get("content-disposition") ?? "", /report\.csv/);
    assert.equal(await download.text(), "a,b\n");
  });

  test("a client that goes away ends the upstream request (long polls do not pile up)", async () => {
    const seen: IncomingMessage[] = [];
    let closed!: () => void;
    const upstreamClosed = new Promise<void>((resolve) => (closed = resolve));
    let arrived!: () => void;
    const upstreamArrived = new Promise<void>((resolve) => (arrived = resolve));
    // An upstream that never answers, like a transcript read waiting for news.
    const upstream = createServer((req) => {
      seen.push(req);
      req.socket.on("close", closed);
      arrived();
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    after(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
    const proxy = await startProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);

    const client = new AbortController();
    const pending = fetch(`${proxy}/sandbox/control/transcript?chat_id=1&after=5&wait=20`, { signal: client.signal }).catch((e: unknown) => e);
    await upstreamArrived;
    assert.equal(seen[0]?.url, "/control/transcript?chat_id=1&after=5&wait=20");
    client.abort();
    await upstreamClosed;
    assert.ok((await pending) instanceof Error);
  });

  test("an unreachable emulator is a 502 with a clear error", async () => {
    // A port nothing listens on: take one, then close it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const proxy = await startProxy(`http://127.0.0.1:${port}/`);
    const res = await fetch(`${proxy}/sandbox/control/state`);
    assert.equal(res.status, 502);
    assert.deepEqual(await res.json(), { error: "the sandbox emulator is unreachable" });
  });
});
