import assert from "node:assert/strict";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import type { Update, WebhookInfo } from "@grammyjs/types";
import { TOKEN, api, ok, startEmulator, until } from "./helpers.ts";

interface Received {
  secret: string | undefined;
  update: Update;
}

/** A webhook receiver that answers with the given statuses in turn (then 200), and records what it got. */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  let calls = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = statuses[calls++] ?? 200;
      const secret = req.headers["x-telegram-bot-api-secret-token"];
      received.push({ secret: typeof secret === "string" ? secret : undefined, update: JSON.parse(Buffer.concat(chunks).toString()) as Update });
      res.writeHead(status).end();
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const waitFor = async (n: number): Promise<void> => {
    while (received.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { url, received, waitFor };
}

describe("webhooks", () => {
  test("updates are POSTed with the secret header and retried after a 500 from the receiver", async () => {
    const { url, emu } = await startEmulator();
    const hook = await receiver([500]);
    await ok(url, "setWebhook", { url: hook.url, secret_token: "s3cret_token" });
    const user = emu.control.createUser({ first_name: "Ann" });
    const sent = emu.control.send({ from: user.id, text: "hello" });
    await hook.waitFor(2);
    assert.deepEqual(
      hook.received.map((r) => [r.secret, r.update.update_id, r.update.message?.text]),
      [
        ["s3cret_token", sent.update_id, "hello"],
        ["s3cret_token", sent.update_id, "hello"],
      ],
    );
    await until(() => emu.control.stats().webhookDeliveries === 1, "the delivery to count");
    const stats = emu.control.stats();
    assert.equal(stats.webhookFailures, 1);
    assert.equal(stats.webhookDeliveries, 1);
    const info = await ok<WebhookInfo>(url, "getWebhookInfo");
    assert.equal(info.url, hook.url);
    assert.equal(info.pending_update_count, 0);
    assert.match(info.last_error_message ?? "", /500/);
  });

  test("setWebhook answers with Telegram's description and deleteWebhook can drop pending updates", async () => {
    const { url, emu } = await startEmulator();
    const reply = await api(url, "setWebhook", { url: "http://127.0.0.1:9/unreachable" });
    assert.deepEqual(reply, { ok: true, result: true, description: "Webhook was set" });
    const user = emu.control.createUser({ first_name: "Ann" });
    emu.control.send({ from: user.id, text: "a" });
    emu.control.send({ from: user.id, text: "b" });
    const info = await ok<WebhookInfo>(url, "getWebhookInfo");
    assert.equal(info.pending_update_count, 2);
    await ok(url, "deleteWebhook", { drop_pending_updates: true });
    const after = await ok<WebhookInfo>(url, "getWebhookInfo");
    assert.deepEqual(after, { url: "", has_custom_certificate: false, pending_update_count: 0 });
  });

  test("max_connections bounds parallel deliveries", async () => {
    const { url, emu } = await startEmulator();
    let inFlight = 0;
    let peak = 0;
    let delivered = 0;
    const release: (() => void)[] = [];
    const server = createServer((req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      req.resume();
      release.push(() => {
        inFlight--;
        delivered++;
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await ok(url, "setWebhook", { url: hookUrl, max_connections: 2 });
    const user = emu.control.createUser({ first_name: "Ann" });
    for (let i = 0; i < 5; i++) emu.control.send({ from: user.id, text: `m${i}` });
    while (delivered < 5) {
      await new Promise((r) => setTimeout(r, 20));
      for (const r of release.splice(0)) r();
    }
    await until(() => emu.control.stats().webhookDeliveries === 5, "five deliveries");
    assert.equal(peak, 2);
  });

  test("a method in the webhook's JSON reply is executed", async () => {
    const { url, emu } = await startEmulator();
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const update = JSON.parse(Buffer.concat(chunks).toString()) as Update;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: "sendMessage", chat_id: update.message?.chat.id, text: "echo" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await ok(url, "setWebhook", { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
    const user = emu.control.createUser({ first_name: "Ann" });
    emu.control.send({ from: user.id, text: "hi" });
    await until(async () => (await emu.control.transcript({ chat_id: user.id })).length === 2, "the echo");
    const entries = await emu.control.transcript({ chat_id: user.id });
    assert.deepEqual(
      entries.map((e) => [e.direction, e.message?.text]),
      [
        ["from_user", "hi"],
        ["from_bot", "echo"],
      ],
    );
  });

  test("close() stops a webhook retry loop", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "setWebhook", { url: "http://127.0.0.1:9/refused" }, TOKEN);
    const user = emu.control.createUser({ first_name: "Ann" });
    emu.control.send({ from: user.id, text: "never delivered" });
    await emu.close();
    assert.equal(emu.control.stats().webhookDeliveries, 0);
  });
});
