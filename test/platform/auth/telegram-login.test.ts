import assert from "node:assert/strict";
import { test } from "node:test";
import { signTelegramLogin, validateInitData, validateLoginUrl } from "../../../src/platform/auth/telegram-login.ts";

const TOKEN = "1234567:secret-token";
const NOW = new Date("2026-11-21T12:00:00Z");
const authDate = String(Math.floor(NOW.getTime() / 1000) - 30);

function initData(fields: Record<string, string>, token = TOKEN): string {
  return signTelegramLogin(fields, token, "init-data");
}

test("a Mini App's initData signed with the bot's token names the person", () => {
  const data = initData({ auth_date: authDate, query_id: "AA1", user: JSON.stringify({ id: 42, first_name: "Ann" }) });
  assert.deepEqual(validateInitData(data, TOKEN, NOW), { ok: true, telegramId: 42 });
});

test("initData signed with another bot's token is refused", () => {
  const data = initData({ auth_date: authDate, user: JSON.stringify({ id: 42 }) }, "999:other");
  assert.deepEqual(validateInitData(data, TOKEN, NOW), { ok: false, reason: "bad-hash" });
});

test("initData whose fields were changed after signing is refused", () => {
  const data = initData({ auth_date: authDate, user: JSON.stringify({ id: 42 }) }).replace("42", "43");
  assert.deepEqual(validateInitData(data, TOKEN, NOW), { ok: false, reason: "bad-hash" });
});

test("initData older than five minutes is refused", () => {
  const old = String(Math.floor(NOW.getTime() / 1000) - 6 * 60);
  const data = initData({ auth_date: old, user: JSON.stringify({ id: 42 }) });
  assert.deepEqual(validateInitData(data, TOKEN, NOW), { ok: false, reason: "too-old" });
});

test("initData without a hash or a user is malformed", () => {
  assert.deepEqual(validateInitData(`auth_date=${authDate}&user=%7B%22id%22%3A42%7D`, TOKEN, NOW), { ok: false, reason: "malformed" });
  assert.deepEqual(validateInitData(initData({ auth_date: authDate }), TOKEN, NOW), { ok: false, reason: "malformed" });
  assert.deepEqual(validateInitData("user=not-json&hash=00", TOKEN, NOW), { ok: false, reason: "malformed" });
});

test("a login_url query is checked with the SHA-256 of the token, not the Mini App key", () => {
  const query = Object.fromEntries(new URLSearchParams(signTelegramLogin({ id: "42", first_name: "Ann", auth_date: authDate }, TOKEN, "login-url")));
  assert.deepEqual(validateLoginUrl(query, TOKEN, NOW), { ok: true, telegramId: 42 });
  const asInitData = Object.fromEntries(new URLSearchParams(signTelegramLogin({ id: "42", auth_date: authDate }, TOKEN, "init-data")));
  assert.deepEqual(validateLoginUrl(asInitData, TOKEN, NOW), { ok: false, reason: "bad-hash" });
});
