import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { EmulatorOptions } from "../../src/sandbox/emulator.ts";
import { api, control, ok, startEmulator } from "./helpers.ts";

async function chatWithUser(options?: EmulatorOptions) {
  const { url, emu } = await startEmulator(options);
  await ok(url, "getMe");
  const user = emu.control.createUser({ first_name: "Ann" });
  return { url, emu, user };
}

describe("fault injection", () => {
  test("the next matching call fails with 429 and retry_after, then calls succeed again", async () => {
    const { url, user } = await chatWithUser();
    const armed = await control(url, "POST", "faults", { method: "sendMessage", kind: "429", count: 1, retry_after: 7 });
    assert.equal(armed.status, 200);
    const limited = await api(url, "sendMessage", { chat_id: user.id, text: "a" });
    assert.deepEqual(limited, {
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "a" })).ok, true);
  });

  test("faults match on chat_id and other methods are untouched", async () => {
    const { url, emu, user } = await chatWithUser();
    const other = emu.control.createUser({ first_name: "Bob" });
    emu.control.faults({ chat_id: user.id, kind: "403", count: 2 });
    assert.equal((await api(url, "sendMessage", { chat_id: other.id, text: "a" })).ok, true);
    const blocked = await api(url, "sendMessage", { chat_id: user.id, text: "a" });
    assert.deepEqual([blocked.error_code, blocked.description], [403, "Forbidden: bot was blocked by the user"]);
    assert.deepEqual(emu.control.armedFaults(), [{ chat_id: user.id, kind: "403", count: 1 }]);
    emu.control.clearFaults();
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "a" })).ok, true);
  });

  test("400 and 500 faults answer with those codes and a held call succeeds once released", async () => {
    const { url, emu, user } = await chatWithUser();
    emu.control.faults({ method: "sendMessage", kind: "400", count: 1, description: "Bad Request: message to edit not found" });
    emu.control.faults({ method: "sendMessage", kind: "500", count: 1 });
    emu.control.faults({ method: "sendMessage", kind: "hold", count: 1 });
    const first = await api(url, "sendMessage", { chat_id: user.id, text: "a" });
    assert.deepEqual([first.error_code, first.description], [400, "Bad Request: message to edit not found"]);
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "a" })).error_code, 500);
    let answered = false;
    const held = api(url, "sendMessage", { chat_id: user.id, text: "a" }).finally(() => (answered = true));
    while (emu.control.stats().calls.sendMessage !== 3) await new Promise((r) => setImmediate(r));
    assert.equal(answered, false, "a held call waits for its release");
    assert.deepEqual((await control(url, "POST", "faults/release", {})).body, { released: 1 });
    assert.equal((await held).ok, true);
    assert.deepEqual(emu.control.releaseHeld(), { released: 0 });
  });

  test("a fault without a method does not match getUpdates", async () => {
    const { url, emu, user } = await chatWithUser();
    emu.control.faults({ kind: "500", count: 1 });
    assert.equal((await api(url, "getUpdates", {})).ok, true);
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "a" })).error_code, 500);
  });
});

describe("rate limits", () => {
  test("sends over the per-chat limit are 429s counted as violations, and the window reopens", async () => {
    let now = 1_000_000;
    const { url, emu, user } = await chatWithUser({ clock: () => now });
    // 1 message per second per private chat; at time_scale 4 a second is 250 ms of the emulator's clock.
    await control(url, "POST", "limits", { private_chat_per_second: 1, time_scale: 4 });
    const both = await Promise.all([
      api(url, "sendMessage", { chat_id: user.id, text: "1" }),
      api(url, "sendMessage", { chat_id: user.id, text: "2" }),
    ]);
    assert.deepEqual(both.map((r) => r.ok).sort(), [false, true]);
    const limited = both.find((r) => !r.ok);
    assert.equal(limited?.error_code, 429);
    assert.equal(limited?.parameters?.retry_after, 1);
    assert.equal(emu.control.stats().rateLimitViolations, 1);
    // Edits never count against the limits.
    const first = (await emu.control.transcript({ chat_id: user.id }))[0]?.message?.message_id;
    assert.equal((await api(url, "editMessageText", { chat_id: user.id, message_id: first, text: "1!" })).ok, true);
    // Another chat has its own window.
    const other = emu.control.createUser({ first_name: "Bob" });
    assert.equal((await api(url, "sendMessage", { chat_id: other.id, text: "1" })).ok, true);
    now += 300;
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "3" })).ok, true);
  });

  test("the global limit spans chats and a group limit counts per minute", async () => {
    const { url, emu, user } = await chatWithUser();
    const bob = emu.control.createUser({ first_name: "Bob" });
    const group = emu.control.createChat({ type: "group", title: "G", members: [user.id] });
    emu.control.limits({ global_per_second: 2, group_per_minute: 1, time_scale: 1 });
    assert.equal((await api(url, "sendMessage", { chat_id: group.id, text: "1" })).ok, true);
    const groupAgain = await api(url, "sendMessage", { chat_id: group.id, text: "2" });
    assert.equal(groupAgain.error_code, 429);
    assert.ok((groupAgain.parameters?.retry_after ?? 0) > 1, "a per-minute window asks for a longer wait");
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "1" })).ok, true);
    assert.equal((await api(url, "sendMessage", { chat_id: bob.id, text: "1" })).error_code, 429);
    assert.equal(emu.control.stats().rateLimitViolations, 2);
    emu.control.limits({});
    assert.equal((await api(url, "sendMessage", { chat_id: bob.id, text: "1" })).ok, true);
  });
});
