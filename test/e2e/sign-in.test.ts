/**
 * Signing in end to end: the real app with every module, the Bot API emulator over real HTTP,
 * and a browser's requests. Links come from the bot's own /login answer in the emulator's
 * transcript; sessions are seen and ended both in the bot and through the API.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Message } from "@grammyjs/types";
import type { RunningApp } from "../../src/main.ts";
import { hashSecret } from "../../src/platform/auth/secrets.ts";
import { signTelegramLogin } from "../../src/platform/auth/telegram-login.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, shippedMigrations, TEST_TOKEN, appEnv, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";
import { PanelClient, tokenOf } from "../modules/access/panel-client.ts";

/** The login link in the bot's answer to /login. */
async function loginLink(user: TelegramUser): Promise<string> {
  user.send("/login");
  const message: Message = await user.replyContaining("login link");
  const button = message.reply_markup?.inline_keyboard.flat().find((candidate) => "url" in candidate);
  assert.ok(button !== undefined && "url" in button, "the link is a button too");
  assert.match(button.url, /\/login#token=[A-Za-z0-9_-]{43}$/, "256 bits in the fragment");
  return button.url;
}

const now = () => String(Math.floor(Date.now() / 1000));

for (const kind of databaseKinds) {
  describe(`signing in to the panel on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let owner: TelegramUser;
    const browser = () => new PanelClient(app.url);

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
      app = await startAppInProcess(appEnv(emulator.url, database));
    });
    after(async () => {
      await app?.stop("test over");
      await emulator?.close();
      await database?.drop();
    });

    test("the link from /login opens a page that uses nothing; Continue signs in once", async () => {
      const link = await loginLink(owner);
      assert.ok(link.startsWith(`${app.url}/login#token=`));
      const token = tokenOf(link);

      // What a link preview or a scanner does: GET the URL (the fragment never leaves the browser).
      const page = await fetch(link);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/);
      const stored = await app.database.db.selectFrom("login_token").select(["used_at", "token_hash"]).where("token_hash", "=", hashSecret(token)).executeTakeFirstOrThrow();
      assert.equal(stored.used_at, null, "opening the page used nothing");
      assert.notEqual(stored.token_hash, token, "only the hash is stored");

      const panel = browser();
      const continued = await panel.redeem(token);
      assert.equal(continued.status, 200);
      assert.match(continued.headers.getSetCookie()[0] ?? "", /^botyard_session=[^;]+;.*HttpOnly.*SameSite=Lax/);
      const me = await panel.get<{ telegramId: number; roles: string[] }>("/api/me");
      assert.equal(me.body.telegramId, OWNER_ID);
      assert.deepEqual(me.body.roles, ["owner"]);

      const reused = await browser().request("POST", "/api/auth/link", { token });
      assert.equal(reused.status, 410);
      assert.match(((await reused.json()) as { error: string }).error, /already used/);
    });

    test("an expired link is refused", async () => {
      const token = tokenOf(await loginLink(owner));
      await app.database.db.updateTable("login_token").set({ expires_at: new Date(Date.now() - 60_000) }).where("token_hash", "=", hashSecret(token)).execute();
      const response = await browser().request("POST", "/api/auth/link", { token });
      assert.equal(response.status, 410);
      assert.match(((await response.json()) as { error: string }).error, /expired/);
    });

    test("a Mini App's initData: a bad hash or an old auth_date is refused; a good one gives a bearer for /api/me", async () => {
      const user = JSON.stringify({ id: OWNER_ID, first_name: "Olga" });
      const good = signTelegramLogin({ auth_date: now(), user }, TEST_TOKEN, "init-data");
      const badHash = good.replace(/hash=([0-9a-f])/, (_match, first: string) => `hash=${first === "0" ? "1" : "0"}`);
      assert.equal((await browser().post("/api/auth/mini-app", { initData: badHash })).status, 401);
      const old = signTelegramLogin({ auth_date: String(Math.floor(Date.now() / 1000) - 24 * 3600), user }, TEST_TOKEN, "init-data");
      assert.equal((await browser().post("/api/auth/mini-app", { initData: old })).status, 401);

      const exchanged = await browser().post<{ token: string }>("/api/auth/mini-app", { initData: good });
      assert.equal(exchanged.status, 200);
      const miniApp = browser();
      miniApp.bearer = exchanged.body.token;
      assert.equal((await miniApp.get<{ telegramId: number }>("/api/me")).body.telegramId, OWNER_ID);
    });

    test("a login_url button's query is checked before it signs in", async () => {
      const good = signTelegramLogin({ id: String(OWNER_ID), first_name: "Olga", auth_date: now() }, TEST_TOKEN, "login-url");
      const signedIn = await browser().request("GET", `/api/auth/telegram-login/main?${good}`);
      assert.equal(signedIn.status, 302);
      assert.ok(signedIn.headers.getSetCookie()[0]?.startsWith("botyard_session="));
      const forged = signTelegramLogin({ id: String(OWNER_ID), first_name: "Olga", auth_date: now() }, "123:another-token", "login-url");
      const refused = await browser().request("GET", `/api/auth/telegram-login/main?${forged}`);
      assert.equal(refused.status, 401);
      assert.match(await refused.text(), /Could not sign you in/);
    });

    test("the session is listed in the API and by /sessions in the bot, and ending it there signs out", async () => {
      const panel = browser();
      assert.equal((await panel.redeem(tokenOf(await loginLink(owner)))).status, 200);
      const listed = await panel.get<{ sessions: { id: number; current: boolean }[] }>("/api/sessions");
      const current = listed.body.sessions.find((session) => session.current);
      assert.ok(current);

      owner.send("/sessions");
      const list = await owner.replyContaining("Your web sessions");
      const endButtons = list.reply_markup?.inline_keyboard.flat().filter((button) => "callback_data" in button && button.callback_data === `access:end:${current.id}`);
      assert.equal(endButtons?.length, 1, "the bot lists this session with an End button");
      owner.press(list, `access:end:${current.id}`);
      assert.equal(await owner.callbackAnswer(), "The session was ended.");
      assert.equal((await panel.get("/api/me")).status, 401);
    });

    test("blocking a person kills their sessions, bearer tokens and links at once", async () => {
      const staff = new TelegramUser(emulator.control, { first_name: "Sam", language_code: "en" });
      staff.send("/start");
      await staff.reply();
      const admin = browser();
      assert.equal((await admin.redeem(tokenOf(await loginLink(owner)))).status, 200);
      assert.equal((await admin.post(`/api/people/${staff.id}/roles`, { role: "admin" })).status, 200);

      const cookie = browser();
      assert.equal((await cookie.redeem(tokenOf(await loginLink(staff)))).status, 200);
      const miniApp = browser();
      miniApp.bearer = (
        await browser().post<{ token: string }>("/api/auth/mini-app", { initData: signTelegramLogin({ auth_date: now(), user: JSON.stringify({ id: staff.id }) }, TEST_TOKEN, "init-data") })
      ).body.token;
      const unused = tokenOf(await loginLink(staff));
      assert.equal((await cookie.get("/api/me")).status, 200);
      assert.equal((await miniApp.get("/api/me")).status, 200);

      assert.equal((await admin.post(`/api/people/${staff.id}/block`, { reason: "left" })).status, 200);
      assert.equal((await cookie.get("/api/me")).status, 401, "their cookie session is dead");
      assert.equal((await miniApp.get("/api/me")).status, 401, "their bearer token is dead");
      assert.equal((await browser().request("POST", "/api/auth/link", { token: unused })).status, 410, "their unused link is dead");
      staff.send("/login");
      assert.doesNotMatch((await staff.reply()).text ?? "", /token=/, "and the bot gives them no new one");
    });
  });
}
