import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Message, Update, User } from "@grammyjs/types";
import type { SendResponse, TranscriptEntry } from "../../src/sandbox/control.ts";
import { BOT_ID, TOKEN, api, control, ok, startEmulator, until } from "./helpers.ts";

describe("Bot API basics", () => {
  test("getMe auto-registers a bot from any well-formed token", async () => {
    const { url } = await startEmulator();
    const me = await ok<User>(url, "getMe");
    assert.equal(me.id, BOT_ID);
    assert.equal(me.is_bot, true);
    assert.equal(me.username, `bot${BOT_ID}_bot`);
  });

  test("a malformed token is answered with 401 Unauthorized", async () => {
    const { url } = await startEmulator();
    const reply = await api(url, "getMe", {}, "not-a-token");
    assert.deepEqual(reply, { ok: false, error_code: 401, description: "Unauthorized" });
  });

  test("registerBot sets the bot's names and a different secret for the same id is refused", async () => {
    const { url, emu } = await startEmulator();
    emu.control.registerBot({ token: TOKEN, username: "shop_bot", first_name: "Shop" });
    const me = await ok<User>(url, "getMe");
    assert.equal(me.username, "shop_bot");
    assert.equal(me.first_name, "Shop");
    const wrong = await api(url, "getMe", {}, `${BOT_ID}:other-secret`);
    assert.equal(wrong.error_code, 401);
  });

  test("an unknown method is answered with 404 Not Found", async () => {
    const { url } = await startEmulator();
    const reply = await api(url, "noSuchMethod");
    assert.equal(reply.error_code, 404);
  });

  test("sending to an unknown chat is 400 chat not found", async () => {
    const { url } = await startEmulator();
    const reply = await api(url, "sendMessage", { chat_id: 42, text: "hi" });
    assert.equal(reply.description, "Bad Request: chat not found");
  });

  test("form-urlencoded bodies are accepted with reply_markup as a JSON string", async () => {
    const { url, emu } = await startEmulator();
    const user = emu.control.createUser({ first_name: "Ann" });
    const body = new URLSearchParams({
      chat_id: String(user.id),
      text: "Pick",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }),
    });
    const res = await fetch(`${url}/bot${TOKEN}/sendMessage`, { method: "POST", body });
    const reply = (await res.json()) as { ok: boolean; result: Message.TextMessage };
    assert.equal(reply.ok, true);
    assert.deepEqual(reply.result.reply_markup, { inline_keyboard: [[{ text: "A", callback_data: "a" }]] });
  });
});

describe("getUpdates", () => {
  test("a long poll returns as soon as a user sends a message", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const poll = api<Update[]>(url, "getUpdates", { timeout: 30 });
    await until(() => emu.control.state().polling.includes(BOT_ID), "the poll to wait");
    const sent = emu.control.send({ from: user.id, text: "/start" });
    const reply = await poll;
    assert.equal(reply.ok, true);
    assert.equal(reply.result?.length, 1);
    const update = reply.result?.[0];
    assert.equal(update?.update_id, sent.update_id);
    assert.equal(update?.message?.text, "/start");
    assert.equal(update?.message?.chat.id, user.id);
    assert.deepEqual(update?.message?.entities, [{ type: "bot_command", offset: 0, length: 6 }]);
  });

  test("an offset confirms earlier updates so they are not returned again", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    emu.control.send({ from: user.id, text: "one" });
    emu.control.send({ from: user.id, text: "two" });
    const first = await ok<Update[]>(url, "getUpdates", { limit: 1 });
    assert.deepEqual(first.map((u) => u.message?.text), ["one"]);
    const again = await ok<Update[]>(url, "getUpdates", {});
    assert.deepEqual(again.map((u) => u.message?.text), ["one", "two"], "nothing is confirmed without an offset");
    const next = await ok<Update[]>(url, "getUpdates", { offset: (first[0]?.update_id ?? 0) + 1 });
    assert.deepEqual(next.map((u) => u.message?.text), ["two"]);
    assert.equal(emu.control.state().pendingUpdates[String(BOT_ID)], 1);
  });

  test("allowed_updates filters the update types a poller gets", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    emu.control.block({ user_id: user.id, blocked: true });
    emu.control.send({ from: user.id, text: "hello" });
    const updates = await ok<Update[]>(url, "getUpdates", { allowed_updates: ["message"] });
    assert.deepEqual(updates.map((u) => Object.keys(u).filter((k) => k !== "update_id")), [["message"]]);
  });

  test("a second concurrent poller terminates the first with 409 and both conflicts are counted", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const first = api(url, "getUpdates", { timeout: 30 });
    await until(() => emu.control.state().polling.includes(BOT_ID), "the first poll to wait");
    const second = api(url, "getUpdates", { timeout: 0 });
    const firstReply = await first;
    assert.equal(firstReply.error_code, 409);
    assert.equal(firstReply.description, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    assert.equal((await second).ok, true);
    await ok(url, "setWebhook", { url: "http://127.0.0.1:9/hook" });
    const whileWebhook = await api(url, "getUpdates", {});
    assert.equal(whileWebhook.error_code, 409);
    assert.equal(
      whileWebhook.description,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    assert.equal(emu.control.stats().conflicts409, 2);
    await ok(url, "deleteWebhook");
    assert.equal((await api(url, "getUpdates", {})).ok, true);
  });

  test("an aborted long poll releases the poller so the next one is no conflict", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const controller = new AbortController();
    const poll = api(url, "getUpdates", { timeout: 30 }, TOKEN, controller.signal);
    await until(() => emu.control.state().polling.includes(BOT_ID), "the poll to wait");
    controller.abort();
    await assert.rejects(poll);
    await until(() => !emu.control.state().polling.includes(BOT_ID), "the emulator to drop the aborted poll");
    assert.equal((await api(url, "getUpdates", {})).ok, true);
    assert.equal(emu.control.stats().conflicts409, 0);
  });

  test("close() ends a pending long poll promptly", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const poll = api<Update[]>(url, "getUpdates", { timeout: 60 }).catch((error: unknown) => error);
    await until(() => emu.control.state().polling.includes(BOT_ID), "the poll to wait");
    await emu.close();
    const outcome = await poll;
    assert.ok(outcome instanceof Error || (outcome as { ok: boolean }).ok === true);
  });
});

describe("control send and transcript", () => {
  test("a user's message and the bot's reply appear in the chat transcript with rising seq", async () => {
    const { url } = await startEmulator();
    await ok(url, "getMe");
    const user = (await control<User>(url, "POST", "users", { first_name: "Ann", username: "ann" })).body;
    const sent = await control<SendResponse>(url, "POST", "send", { from: user.id, text: "hello" });
    assert.equal(sent.status, 200);
    assert.equal(sent.body.message.from?.id, user.id);
    const reply = await ok<Message.TextMessage>(url, "sendMessage", { chat_id: user.id, text: "hi Ann" });
    assert.equal(reply.chat.id, user.id);
    assert.equal(reply.from?.id, BOT_ID);
    assert.ok(reply.message_id > sent.body.message.message_id);
    const transcript = (await control<TranscriptEntry[]>(url, "GET", `transcript?chat_id=${user.id}`)).body;
    assert.deepEqual(
      transcript.map((e) => [e.direction, e.message?.text, e.method]),
      [
        ["from_user", "hello", undefined],
        ["from_bot", "hi Ann", "sendMessage"],
      ],
    );
    assert.ok((transcript[1]?.seq ?? 0) > (transcript[0]?.seq ?? 0));
  });

  test("a transcript long poll returns when the bot sends", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const last = (await emu.control.transcript({ chat_id: user.id })).at(-1)?.seq ?? 0;
    const waiting = control<TranscriptEntry[]>(url, "GET", `transcript?chat_id=${user.id}&after=${last}&wait=30`);
    await new Promise((r) => setTimeout(r, 50));
    await ok(url, "sendMessage", { chat_id: user.id, text: "reminder" });
    const entries = (await waiting).body;
    assert.deepEqual(entries.map((e) => e.message?.text), ["reminder"]);
  });

  test("control errors are JSON with a 4xx status and CORS headers", async () => {
    const { url } = await startEmulator();
    const res = await fetch(`${url}/control/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: 1, text: "x" }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    const body = (await res.json()) as { error: string };
    assert.match(body.error, /bot/);
  });

  test("contacts are shared with the user's own id", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const { message } = emu.control.send({ from: user.id, contact: { phone_number: "+10000000000" } });
    assert.deepEqual(message.contact, { phone_number: "+10000000000", first_name: "Ann", user_id: user.id });
  });
});
