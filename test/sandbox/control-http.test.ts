import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Chat, Update, User } from "@grammyjs/types";
import type { CommandsResponse, EmulatorState, EmulatorStats } from "../../src/sandbox/control.ts";
import { BOT_ID, TOKEN, api, control, ok, startEmulator, until } from "./helpers.ts";

describe("control API over HTTP", () => {
  test("state, stats, updates and commands mirror the in-process control", async () => {
    const { url } = await startEmulator();
    const bot = (await control<User>(url, "POST", "bots", { token: TOKEN, username: "shop_bot", first_name: "Shop" })).body;
    assert.equal(bot.id, BOT_ID);
    const ann = (await control<User>(url, "POST", "users", { first_name: "Ann", language_code: "de" })).body;
    const group = (await control<Chat>(url, "POST", "chats", { type: "supergroup", title: "Staff", members: [ann.id] })).body;
    await control(url, "POST", "send", { bot: TOKEN, from: ann.id, text: "hi" });
    await ok(url, "sendMessage", { chat_id: ann.id, text: "hello" });
    await ok(url, "setMyCommands", { commands: [{ command: "start", description: "Start" }] });
    await ok(url, "setMyCommands", { commands: [{ command: "start", description: "Starten" }], language_code: "de" });

    const state = (await control<EmulatorState>(url, "GET", "state")).body;
    assert.deepEqual(state.bots.map((b) => b.username), ["shop_bot"]);
    assert.deepEqual(state.users.map((u) => u.id), [ann.id]);
    assert.deepEqual(state.chats.map((c) => c.id), [group.id]);
    assert.equal(state.pendingUpdates[String(BOT_ID)], 1);

    const stats = (await control<EmulatorStats>(url, "GET", "stats")).body;
    assert.equal(stats.messagesSent, 1);
    assert.equal(stats.calls["sendMessage"], 1);

    const updates = (await control<Update[]>(url, "GET", `updates?bot=${BOT_ID}`)).body;
    assert.deepEqual(updates.map((u) => u.message?.text), ["hi"]);

    const commands = (await control<CommandsResponse>(url, "GET", `commands?chat_id=${ann.id}`)).body;
    assert.equal(commands.scopes.length, 2);
    assert.deepEqual(commands.effective, [{ command: "start", description: "Starten" }], "the user's language wins");
    assert.deepEqual(commands.menu_button, { type: "commands" });
  });

  test("an injected update is delivered exactly as given, with an update_id of the emulator's", async () => {
    const { url } = await startEmulator();
    await control(url, "POST", "bots", { token: TOKEN });
    const injected = (await control<{ update_id: number }>(url, "POST", "inject", { update: { update_id: 1, message: { text: "no chat", chat: null } } })).body;
    const updates = await ok<Update[]>(url, "getUpdates", {});
    assert.deepEqual(updates, [{ update_id: injected.update_id, message: { text: "no chat", chat: null } }]);
    assert.notEqual(injected.update_id, 1);
    assert.equal((await control(url, "POST", "inject", { update: "a string" })).status, 400);
  });

  test("preflight requests are answered for the Playground", async () => {
    const { url } = await startEmulator();
    const res = await fetch(`${url}/control/send`, { method: "OPTIONS" });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.match(res.headers.get("access-control-allow-methods") ?? "", /POST/);
  });

  test("unknown routes and bad JSON are 4xx with an error field", async () => {
    const { url } = await startEmulator();
    assert.equal((await control<{ error: string }>(url, "GET", "nope")).status, 404);
    const res = await fetch(`${url}/control/users`, { method: "POST", body: "{not json" });
    assert.equal(res.status, 400);
    assert.equal(typeof ((await res.json()) as { error: unknown }).error, "string");
  });

  test("a pending long poll ends empty when a webhook is set", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const poll = api<Update[]>(url, "getUpdates", { timeout: 30 });
    await until(() => emu.control.state().polling.includes(BOT_ID), "the poll to wait");
    await ok(url, "setWebhook", { url: "http://127.0.0.1:9/hook" });
    const reply = await poll;
    assert.deepEqual(reply, { ok: true, result: [] });
    assert.equal(emu.control.stats().conflicts409, 0);
  });
});
