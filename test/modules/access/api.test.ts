/**
 * The access module's HTTP side against the real app (all modules, PGlite, and PostgreSQL when
 * TEST_DATABASE_URL is set): signing in by link, login_url and Mini App; sessions; people and
 * roles; requests; the audit log and its CSV; the dashboard; security headers.
 */
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import { after, before, beforeEach, describe, test } from "node:test";
import type { RunningApp } from "../../../src/main.ts";
import { accessModule } from "../../../src/modules/access/module.ts";
import { issueLoginLink } from "../../../src/platform/auth/login-links.ts";
import { hashSecret } from "../../../src/platform/auth/secrets.ts";
import { signTelegramLogin } from "../../../src/platform/auth/telegram-login.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, TEST_TOKEN, appEnv, startAppInProcess, startEmulator } from "../../support/app.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { PanelClient } from "./panel-client.ts";

const ADMIN_ID = 910_001;
const VIEWER_ID = 910_002;
const NOBODY_ID = 910_003;
const APPLICANT_ID = 910_004;

let addresses = 0;
/** Each client comes from an address of its own, so the per-address limits do not add up across tests. */
const nextAddress = () => `10.0.${Math.floor(++addresses / 250)}.${addresses % 250}`;

for (const kind of databaseKinds) {
  describe(`the access HTTP API on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;

    const client = (language = "en") => new PanelClient(app.url, { "accept-language": language, "x-forwarded-for": nextAddress() });
    const linkFor = (telegramId: number) => issueLoginLink(app.database.db, "main", telegramId);
    const signedIn = async (telegramId: number) => {
      const panel = client();
      const response = await panel.redeem(await linkFor(telegramId));
      assert.equal(response.status, 200, `person ${telegramId} signs in`);
      return panel;
    };
    const auditRows = (action: string) => app.database.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

    before(async () => {
      database = await kind.fresh(accessModule.migrations);
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database, { TRUST_PROXY: "true" }), [accessModule]);
      const db = app.database.db;
      const people = [
        { telegram_id: OWNER_ID, first_name: "Olga", last_name: null, username: "olga", language_code: "en" },
        { telegram_id: ADMIN_ID, first_name: "Adam", last_name: "Admin", username: null, language_code: "en" },
        { telegram_id: VIEWER_ID, first_name: "Vera", last_name: null, username: null, language_code: "ru" },
        { telegram_id: NOBODY_ID, first_name: "Nick", last_name: null, username: null, language_code: "en" },
        { telegram_id: APPLICANT_ID, first_name: "Anna", last_name: null, username: null, language_code: "en" },
      ];
      // They exist in Telegram too, so notices to them are delivered.
      for (const person of people) emulator.control.createUser({ id: person.telegram_id, first_name: person.first_name, language_code: person.language_code });
      await db.insertInto("person").values(people).onConflict((conflict) => conflict.column("telegram_id").doNothing()).execute();
      await db
        .insertInto("bot_member")
        .values(people.map((person) => ({ bot_id: "main", telegram_id: person.telegram_id })))
        .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id"]).doNothing())
        .execute();
      await db
        .insertInto("role")
        .values([
          { bot_id: "main", telegram_id: ADMIN_ID, role: "admin", granted_by: OWNER_ID },
          { bot_id: "main", telegram_id: VIEWER_ID, role: "viewer", granted_by: OWNER_ID },
        ])
        .execute();
    });
    // Each test starts with fresh rate-limit windows; the limits' own tests fill them up.
    beforeEach(async () => {
      await app.database.db.deleteFrom("rate_limit").execute();
    });
    after(async () => {
      await app?.stop("test over");
      await emulator?.close();
      await database?.drop();
    });

    describe("signing in with a login link", () => {
      test("the link's POST starts a cookie session once; the cookie is HttpOnly, SameSite=Lax, for the whole site", async () => {
        const panel = client();
        const token = await linkFor(ADMIN_ID);
        const response = await panel.redeem(token);
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { ok: true });
        const cookie = response.headers.getSetCookie().find((line) => line.startsWith("botyard_session="));
        assert.ok(cookie);
        assert.match(cookie, /HttpOnly/);
        assert.match(cookie, /SameSite=Lax/);
        assert.match(cookie, /Path=\//);
        assert.doesNotMatch(cookie, /Secure/, "plain http on loopback");
        assert.ok(!cookie.includes(token), "the cookie holds a session id, not the link's token");

        const me = await panel.get<{ telegramId: number; name: string; roles: string[]; permissions: string[]; csrfToken: string }>("/api/me");
        assert.equal(me.status, 200);
        assert.equal(me.body.telegramId, ADMIN_ID);
        assert.equal(me.body.name, "Adam Admin");
        assert.deepEqual(me.body.roles, ["admin"]);
        assert.ok(me.body.permissions.includes("people.manage"));
        assert.ok(!me.body.permissions.includes("backups.manage"), "backups are for owners only");

        const again = await client().request("POST", "/api/auth/link", { token });
        assert.equal(again.status, 410);
        assert.match(((await again.json()) as { error: string }).error, /already used — send \/login/);
        const rows = await auditRows("access.sign-in");
        assert.deepEqual(JSON.parse(JSON.stringify(rows.at(-1)?.after)), { kind: "cookie", via: "link" });
        assert.equal(rows.at(-1)?.actor_id, ADMIN_ID);
      });

      test("a used link is refused in the person's language", async () => {
        const token = await linkFor(ADMIN_ID);
        assert.equal((await client().redeem(token)).status, 200);
        const again = await client("ru-RU,ru;q=0.9,en;q=0.5").request("POST", "/api/auth/link", { token });
        assert.equal(again.status, 410);
        assert.match(((await again.json()) as { error: string }).error, /уже использована/);
      });

      test("an expired link is refused and starts nothing", async () => {
        const token = await linkFor(ADMIN_ID);
        await app.database.db.updateTable("login_token").set({ expires_at: new Date(Date.now() - 1000) }).where("token_hash", "=", hashSecret(token)).execute();
        const response = await client().request("POST", "/api/auth/link", { token });
        assert.equal(response.status, 410);
        assert.match(((await response.json()) as { error: string }).error, /expired/);
        assert.equal(response.headers.getSetCookie().length, 0);
      });

      test("an unknown token and a malformed body get clear messages, never a stack trace", async () => {
        const unknown = await client().request("POST", "/api/auth/link", { token: "not-a-real-token" });
        assert.equal(unknown.status, 400);
        assert.match(((await unknown.json()) as { error: string }).error, /not valid/);
        const malformed = await client().request("POST", "/api/auth/link", { token: 42 });
        assert.equal(malformed.status, 400);
        const text = await malformed.text();
        assert.match(text, /token/);
        assert.doesNotMatch(text, /at .*\.ts:\d+/);
      });

      test("a person holding no role cannot sign in, and their link is not used up", async () => {
        const token = await linkFor(NOBODY_ID);
        const response = await client().request("POST", "/api/auth/link", { token });
        assert.equal(response.status, 403);
        assert.match(((await response.json()) as { error: string }).error, /no access/);
        const row = await app.database.db.selectFrom("login_token").select("used_at").where("token_hash", "=", hashSecret(token)).executeTakeFirstOrThrow();
        assert.equal(row.used_at, null);
      });

      test("redeeming is rate limited per person", async () => {
        const panel = client();
        let last = 0;
        for (let attempt = 0; attempt < 11; attempt++) last = (await panel.request("POST", "/api/auth/link", { token: await linkFor(VIEWER_ID) })).status;
        assert.equal(last, 429);
      });

      test("redeeming is rate limited per address", async () => {
        const panel = client();
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 31; attempt++) statuses.push((await panel.request("POST", "/api/auth/link", { token: `guess-${attempt}` })).status);
        assert.deepEqual([...new Set(statuses)], [400, 429]);
        assert.equal(statuses.at(-1), 429);
        const valid = await panel.request("POST", "/api/auth/link", { token: await linkFor(ADMIN_ID) });
        assert.equal(valid.status, 200, "a valid link from the same address still gets through: only guesses count against it");
      });

      test("GET /login is the static page and uses nothing up", async () => {
        const token = await linkFor(ADMIN_ID);
        const page = await fetch(`${app.url}/login`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /<div id="root">/);
        const row = await app.database.db.selectFrom("login_token").select("used_at").where("token_hash", "=", hashSecret(token)).executeTakeFirstOrThrow();
        assert.equal(row.used_at, null);
      });
    });

    describe("signing in through Telegram", () => {
      const initData = (telegramId: number, authDate = Math.floor(Date.now() / 1000)) =>
        signTelegramLogin({ auth_date: String(authDate), query_id: "q1", user: JSON.stringify({ id: telegramId, first_name: "X" }) }, TEST_TOKEN, "init-data");

      test("a Mini App's valid initData gets a bearer token that works for /api/me", async () => {
        const response = await client().post<{ token: string; expiresAt: string }>("/api/auth/mini-app", { initData: initData(ADMIN_ID) });
        assert.equal(response.status, 200);
        assert.ok(new Date(response.body.expiresAt).getTime() > Date.now());
        const panel = client();
        panel.bearer = response.body.token;
        const me = await panel.get<{ telegramId: number }>("/api/me");
        assert.equal(me.body.telegramId, ADMIN_ID);
        // A bearer token is not a cookie: it does not open cookie-only doors and needs no CSRF header.
        assert.equal((await panel.post("/api/sessions/end-all")).status, 200);
        assert.equal((await panel.get("/api/me")).status, 401);
      });

      test("initData with a bad hash or an old auth_date is refused with 401", async () => {
        const forged = initData(ADMIN_ID).replace(/hash=[0-9a-f]+/, `hash=${"0".repeat(64)}`);
        const bad = await client().post<{ error: string }>("/api/auth/mini-app", { initData: forged });
        assert.equal(bad.status, 401);
        assert.match(bad.body.error, /signature/);
        const old = await client().post<{ error: string }>("/api/auth/mini-app", { initData: initData(ADMIN_ID, Math.floor(Date.now() / 1000) - 3600) });
        assert.equal(old.status, 401);
        assert.match(old.body.error, /too old/);
        const signedByAnother = signTelegramLogin({ auth_date: String(Math.floor(Date.now() / 1000)), user: JSON.stringify({ id: ADMIN_ID }) }, "999:another-bot", "init-data");
        assert.equal((await client().post("/api/auth/mini-app", { initData: signedByAnother })).status, 401);
      });

      test("a login_url button's query starts a cookie session and leads to the panel", async () => {
        const query = signTelegramLogin({ id: String(ADMIN_ID), first_name: "Adam", auth_date: String(Math.floor(Date.now() / 1000)) }, TEST_TOKEN, "login-url");
        const panel = client();
        const response = await panel.request("GET", `/api/auth/telegram-login/main?${query}`);
        assert.equal(response.status, 302);
        assert.equal(response.headers.get("location"), "/");
        panel.cookie = response.headers.getSetCookie()[0]?.split(";")[0];
        assert.equal((await panel.get<{ telegramId: number }>("/api/me")).body.telegramId, ADMIN_ID);
        const rows = await auditRows("access.sign-in");
        assert.deepEqual(JSON.parse(JSON.stringify(rows.at(-1)?.after)), { kind: "cookie", via: "login_url" });
      });

      test("a tampered login_url query gets a small page that says so", async () => {
        const query = signTelegramLogin({ id: String(ADMIN_ID), auth_date: String(Math.floor(Date.now() / 1000)) }, TEST_TOKEN, "login-url").replace(`id=${ADMIN_ID}`, `id=${OWNER_ID}`);
        const response = await client("ru").request("GET", `/api/auth/telegram-login/main?${query}`);
        assert.equal(response.status, 401);
        assert.match(response.headers.get("content-type") ?? "", /text\/html/);
        const page = await response.text();
        assert.match(page, /Не удалось войти/);
        assert.doesNotMatch(page, /Error|\.ts:\d+/);
        assert.equal(response.headers.getSetCookie().length, 0);
        const unknownBot = await client().request("GET", `/api/auth/telegram-login/nope?${query}`);
        assert.equal(unknownBot.status, 404);
      });
    });

    describe("sessions", () => {
      test("a person lists their sessions with the device, ends one, then signs out", async () => {
        const laptop = await signedIn(ADMIN_ID);
        const phone = new PanelClient(app.url, { "x-forwarded-for": nextAddress(), "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1" });
        assert.equal((await phone.redeem(await linkFor(ADMIN_ID))).status, 200);
        const listed = await laptop.get<{ sessions: { id: number; device: string | null; current: boolean; ip: string }[] }>("/api/sessions");
        const phoneSession = listed.body.sessions.find((session) => session.device === "Safari · iPhone");
        assert.ok(phoneSession, "the phone's session is listed with its device");
        assert.equal(listed.body.sessions.filter((session) => session.current).length, 1);

        assert.equal((await laptop.post(`/api/sessions/${phoneSession.id}/end`)).status, 200);
        assert.equal((await phone.get("/api/me")).status, 401, "the ended session is dead at once");

        const out = await laptop.request("POST", "/api/auth/logout");
        assert.equal(out.status, 200);
        assert.match(out.headers.getSetCookie()[0] ?? "", /botyard_session=;/);
        assert.equal((await laptop.get("/api/me")).status, 401);
        assert.equal((await auditRows("access.sign-out")).at(-1)?.actor_id, ADMIN_ID);
      });

      test("ending someone else's session needs sessions.manage; admins see everyone's with names", async () => {
        const viewer = await signedIn(VIEWER_ID);
        const admin = await signedIn(ADMIN_ID);
        const everyone = await admin.get<{ sessions: { id: number; telegramId: number; name: string }[] }>("/api/admin/sessions");
        const adminSession = everyone.body.sessions.find((session) => session.telegramId === ADMIN_ID);
        const viewerSession = everyone.body.sessions.find((session) => session.telegramId === VIEWER_ID);
        assert.ok(adminSession && viewerSession);
        assert.equal(viewerSession.name, "Vera");
        const refused = await viewer.post<{ error: string }>(`/api/sessions/${adminSession.id}/end`);
        assert.equal(refused.status, 403);
        assert.equal((await admin.get("/api/me")).status, 200);
        assert.equal((await admin.post(`/api/sessions/${viewerSession.id}/end`)).status, 200);
        assert.equal((await viewer.get("/api/me")).status, 401);
        assert.equal((await admin.post("/api/sessions/nonsense/end")).status, 400);
      });
    });

    describe("the panel's language", () => {
      type MeLanguage = { language: string; languages: string[] };
      const resetChoices = () => app.database.db.updateTable("bot_member").set({ panel_language: null }).execute();

      test("it is the person's Telegram language until they choose, and API errors follow it rather than the browser", async () => {
        await resetChoices();
        const vera = await signedIn(VIEWER_ID);
        const me = await vera.get<MeLanguage>("/api/me");
        assert.equal(me.body.language, "ru", "Vera's Telegram speaks Russian; her browser asks for English");
        assert.ok(me.body.languages.includes("en") && me.body.languages.includes("ru"));
        const refused = await vera.json<{ error: string }>("PUT", "/api/me/language", { language: "xx" });
        assert.equal(refused.status, 400);
        assert.match(refused.body.error, /В панели нет языка «xx»/);
      });

      test("a choice is remembered across sessions and turns the API's errors to it", async () => {
        await resetChoices();
        const vera = await signedIn(VIEWER_ID);
        const chosen = await vera.json<{ language: string }>("PUT", "/api/me/language", { language: "en" });
        assert.equal(chosen.status, 200);
        assert.equal(chosen.body.language, "en");
        const later = new PanelClient(app.url, { "accept-language": "ru", "x-forwarded-for": nextAddress() });
        assert.equal((await later.redeem(await linkFor(VIEWER_ID))).status, 200);
        assert.equal((await later.get<MeLanguage>("/api/me")).body.language, "en");
        const refused = await later.json<{ error: string }>("PUT", "/api/me/language", { language: "xx" });
        assert.match(refused.body.error, /The panel has no language “xx”. It speaks: .*en.*ru/);
        const rows = await auditRows("access.panel-language.choose");
        assert.deepEqual(JSON.parse(JSON.stringify(rows.at(-1)?.after)), { panelLanguage: "en" });
      });

      test("a language the panel does not speak, or no language at all, is refused and changes nothing", async () => {
        await resetChoices();
        const adam = await signedIn(ADMIN_ID);
        for (const body of [{ language: "de" }, { language: 7 }, {}]) {
          assert.equal((await adam.json("PUT", "/api/me/language", body)).status, 400, JSON.stringify(body));
        }
        const row = await app.database.db.selectFrom("bot_member").select("panel_language").where("telegram_id", "=", ADMIN_ID).executeTakeFirstOrThrow();
        assert.equal(row.panel_language, null);
      });

      test("an owner the bot never met follows the browser, and is told why their choice cannot be kept", async () => {
        const unmet = 910_098;
        await app.database.db.insertInto("role").values({ bot_id: "main", telegram_id: unmet, role: "owner", granted_by: null }).execute();
        const russian = client("ru");
        assert.equal((await russian.redeem(await linkFor(unmet))).status, 200);
        assert.equal((await russian.get<MeLanguage>("/api/me")).body.language, "ru");
        const refused = await russian.json<{ error: string }>("PUT", "/api/me/language", { language: "en" });
        assert.equal(refused.status, 409);
        assert.match(refused.body.error, /Сначала напишите боту/);
        await app.database.db.deleteFrom("role").where("telegram_id", "=", unmet).execute();
      });
    });

    describe("people and requests", () => {
      test("an owner configured by id whom the bot never met is called Owner, in the reader's language, not by their id", async () => {
        const unmet = 910_099;
        await app.database.db.insertInto("role").values({ bot_id: "main", telegram_id: unmet, role: "owner", granted_by: null }).execute();
        const english = await signedIn(unmet);
        assert.equal((await english.get<{ name: string }>("/api/me")).body.name, "Owner");
        const people = await english.get<{ people: { telegramId: number; name: string }[] }>("/api/people");
        assert.equal(people.body.people.find((person) => person.telegramId === unmet)?.name, "Owner");
        const signIns = await english.get<{ entries: { actorName: string | null }[] }>(`/api/audit?actor=${unmet}&action=access.sign-in`);
        assert.deepEqual([...new Set(signIns.body.entries.map((entry) => entry.actorName))], ["Owner"], "the audit log names them so too");
        const russian = client("ru");
        assert.equal((await russian.redeem(await linkFor(unmet))).status, 200);
        assert.equal((await russian.get<{ name: string }>("/api/me")).body.name, "Владелец");
        const inRussian = await russian.get<{ entries: { actorName: string | null }[] }>(`/api/audit?actor=${unmet}&action=access.sign-in`);
        assert.equal(inRussian.body.entries[0]?.actorName, "Владелец");
        await app.database.db.deleteFrom("role").where("telegram_id", "=", unmet).execute();
      });

      test("an admin grants and revokes a role; losing the last role ends the person's sessions", async () => {
        const admin = await signedIn(ADMIN_ID);
        assert.equal((await admin.post(`/api/people/${NOBODY_ID}/roles`, { role: "admin" })).status, 200);
        const nick = await signedIn(NOBODY_ID);
        const people = await admin.get<{ people: { telegramId: number; roles: string[]; status: string }[]; roles: string[] }>("/api/people");
        assert.deepEqual(people.body.people.find((person) => person.telegramId === NOBODY_ID)?.roles, ["admin"]);
        assert.ok(!people.body.roles.includes("owner"), "admins cannot hand out owner");
        const owners = await admin.post<{ error: string }>(`/api/people/${NOBODY_ID}/roles`, { role: "owner" });
        assert.equal(owners.status, 403);
        assert.match(owners.body.error, /Only an owner/);
        assert.equal((await admin.post(`/api/people/${NOBODY_ID}/roles`, { role: "no-such-role" })).status, 400);
        assert.equal((await admin.post(`/api/people/${NOBODY_ID}/roles`, {})).status, 400);

        assert.equal((await admin.json("DELETE", `/api/people/${NOBODY_ID}/roles/admin`)).status, 200);
        assert.equal((await nick.get("/api/me")).status, 401);
        assert.equal((await admin.json("DELETE", `/api/people/${NOBODY_ID}/roles/admin`)).status, 409, "nothing left to revoke");
      });

      test("blocking a person kills their sessions, bearer tokens and links at once; unblocking lets them apply again", async () => {
        const admin = await signedIn(ADMIN_ID);
        await app.database.db.insertInto("role").values({ bot_id: "main", telegram_id: APPLICANT_ID, role: "viewer", granted_by: ADMIN_ID }).execute();
        const cookie = await signedIn(APPLICANT_ID);
        const miniApp = client();
        miniApp.bearer = (
          await client().post<{ token: string }>("/api/auth/mini-app", {
            initData: signTelegramLogin({ auth_date: String(Math.floor(Date.now() / 1000)), user: JSON.stringify({ id: APPLICANT_ID }) }, TEST_TOKEN, "init-data"),
          })
        ).body.token;
        assert.equal((await miniApp.get("/api/me")).status, 200);
        const unused = await linkFor(APPLICANT_ID);

        const blocked = await admin.post<{ ok: boolean; sessionsEnded: number }>(`/api/people/${APPLICANT_ID}/block`, { reason: "left the company" });
        assert.equal(blocked.status, 200);
        assert.equal(blocked.body.sessionsEnded, 2);
        assert.equal((await cookie.get("/api/me")).status, 401);
        assert.equal((await miniApp.get("/api/me")).status, 401);
        assert.equal((await client().request("POST", "/api/auth/link", { token: unused })).status, 410);
        const people = await admin.get<{ people: { telegramId: number; status: string }[] }>("/api/people");
        assert.equal(people.body.people.find((person) => person.telegramId === APPLICANT_ID)?.status, "blocked");
        assert.equal((await admin.post(`/api/people/${APPLICANT_ID}/block`, {})).status, 409);
        assert.equal((await admin.post(`/api/people/${ADMIN_ID}/block`, {})).status, 400, "nobody blocks themselves");

        assert.equal((await admin.post(`/api/people/${APPLICANT_ID}/unblock`)).status, 200);
        assert.equal((await admin.post(`/api/people/${APPLICANT_ID}/unblock`)).status, 409);
      });

      test("send-link invites a staff member through the bot; nobody sees their link", async () => {
        const admin = await signedIn(ADMIN_ID);
        const sent = await admin.post(`/api/people/${VIEWER_ID}/send-link`);
        assert.equal(sent.status, 200);
        assert.ok(!JSON.stringify(sent.body).includes("token="));
        const invitation = await app.database.db.selectFrom("outbox").select("payload").where("chat_id", "=", VIEWER_ID).where("dedupe_key", "like", "access:link-invitation:%").executeTakeFirst();
        assert.ok(invitation, "an invitation is queued for the person");
        assert.equal((await admin.post(`/api/people/${NOBODY_ID}/send-link`)).status, 409, "no role, no link");
        assert.equal((await admin.post(`/api/people/${ADMIN_ID}/send-link`)).status, 400);
      });

      test("an admin approves a request with a role; a second decision names who decided", async () => {
        const admin = await signedIn(ADMIN_ID);
        const applicant = 910_050;
        emulator.control.createUser({ id: applicant, first_name: "Petra" });
        await app.database.db.insertInto("person").values({ telegram_id: applicant, first_name: "Petra", last_name: null, username: null, language_code: "en" }).execute();
        const { id } = await app.database.db
          .insertInto("access_request" as never)
          .values({ bot_id: "main", telegram_id: applicant, name: "Petra P", phone: "+4915112345678", comment: "new receptionist" } as never)
          .returning("id" as never)
          .executeTakeFirstOrThrow() as { id: number };
        const listed = await admin.get<{ requests: { id: number; name: string; status: string }[]; roles: string[] }>("/api/access-requests");
        assert.ok(listed.body.requests.some((request) => request.id === id && request.status === "pending"));
        assert.ok(listed.body.roles.includes("admin"));
        assert.equal((await admin.post(`/api/access-requests/${id}/approve`, { role: "owner" })).status, 400);
        const approved = await admin.post(`/api/access-requests/${id}/approve`, { role: "admin" });
        assert.equal(approved.status, 200);
        const roles = await app.database.db.selectFrom("role").select("role").where("telegram_id", "=", applicant).execute();
        assert.deepEqual(roles, [{ role: "admin" }]);
        const again = await admin.post<{ error: string }>(`/api/access-requests/${id}/reject`, { reason: "too late" });
        assert.equal(again.status, 409);
        assert.match(again.body.error, /already decided by Adam Admin/);
        const decided = await admin.get<{ requests: { id: number; decidedBy: string }[] }>("/api/access-requests?status=approved");
        assert.equal(decided.body.requests.find((request) => request.id === id)?.decidedBy, "Adam Admin");
        assert.equal((await admin.get("/api/access-requests?status=bogus")).status, 400);
      });

      test("approving without a role gives the default the list names, its least privileged role", async () => {
        const admin = await signedIn(ADMIN_ID);
        const applicant = 910_051;
        await app.database.db.insertInto("person").values({ telegram_id: applicant, first_name: "Rita", last_name: null, username: null, language_code: "en" }).execute();
        const { id } = await app.database.db
          .insertInto("access_request" as never)
          .values({ bot_id: "main", telegram_id: applicant, name: "Rita R", phone: "+4915112345679", comment: null } as never)
          .returning("id" as never)
          .executeTakeFirstOrThrow() as { id: number };
        const listed = await admin.get<{ roles: string[]; defaultRole: string }>("/api/access-requests");
        assert.equal(listed.body.defaultRole, listed.body.roles[0]);
        assert.equal((await admin.post(`/api/access-requests/${id}/approve`)).status, 200);
        const roles = await app.database.db.selectFrom("role").select("role").where("telegram_id", "=", applicant).execute();
        assert.deepEqual(roles, [{ role: listed.body.defaultRole }]);
      });

      test("a person without people.manage cannot decide, whatever the panel shows", async () => {
        const viewer = await signedIn(VIEWER_ID);
        assert.equal((await viewer.post("/api/access-requests/1/approve", { role: "admin" })).status, 403);
        assert.equal((await viewer.get("/api/people")).status, 403);
      });
    });

    describe("the audit log", () => {
      test("filters by action prefix, actor and object, pages, and exports CSV safe for spreadsheets", async () => {
        const admin = await signedIn(ADMIN_ID);
        await app.database.db
          .insertInto("audit_log")
          .values({ bot_id: "main", actor_id: ADMIN_ID, source: "web", action: "test.injection", object_type: "note", object_id: '=HYPERLINK("http://evil","x")', ip: "10.0.0.1" })
          .execute();
        const signIns = await admin.get<{ entries: { action: string; actorId: number; actorName: string }[]; hasMore: boolean }>(`/api/audit?action=access&actor=${ADMIN_ID}`);
        assert.equal(signIns.status, 200);
        assert.ok(signIns.body.entries.length > 0);
        assert.ok(signIns.body.entries.every((entry) => entry.action.startsWith("access.") && entry.actorId === ADMIN_ID));
        assert.equal(signIns.body.entries[0]?.actorName, "Adam Admin");
        const byObject = await admin.get<{ entries: { action: string }[] }>(`/api/audit?objectType=note&objectId=${encodeURIComponent('=HYPERLINK("http://evil","x")')}`);
        assert.deepEqual(byObject.body.entries.map((entry) => entry.action), ["test.injection"]);
        const future = await admin.get<{ entries: unknown[] }>(`/api/audit?from=${new Date(Date.now() + 86_400_000).toISOString()}`);
        assert.deepEqual(future.body.entries, []);
        assert.equal((await admin.get("/api/audit?from=yesterday-ish")).status, 400);
        assert.equal((await admin.get("/api/audit?page=0")).status, 400);

        const csv = await admin.request("GET", "/api/audit.csv?action=test");
        assert.equal(csv.status, 200);
        assert.match(csv.headers.get("content-type") ?? "", /text\/csv/);
        assert.match(csv.headers.get("content-disposition") ?? "", /attachment; filename="audit-/);
        const lines = (await csv.text()).split("\r\n");
        assert.equal(lines[0], "at,actor_id,actor_name,source,action,object_type,object_id,before,after,ip");
        assert.match(lines[1] ?? "", /,Adam Admin,web,test\.injection,note,"'=HYPERLINK\(""http:\/\/evil"",""x""\)",,,10\.0\.0\.1$/);
        assert.equal(lines.length, 3, "one row and the final line break");

        const xlsx = await admin.request("GET", "/api/audit.xlsx?action=test");
        assert.equal(xlsx.status, 200);
        assert.match(xlsx.headers.get("content-disposition") ?? "", /attachment; filename="audit-.*\.xlsx"/);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await xlsx.arrayBuffer());
        const sheet = workbook.getWorksheet("Audit log");
        assert.deepEqual((sheet?.getRow(1).values as unknown[]).slice(1), ["at", "actor_id", "actor_name", "source", "action", "object_type", "object_id", "before", "after", "ip"]);
        const row = sheet?.getRow(2);
        assert.ok(row?.getCell(1).value instanceof Date, "the moment is a date cell");
        assert.deepEqual([row?.getCell(3).value, row?.getCell(5).value, row?.getCell(7).value, row?.getCell(10).value], ["Adam Admin", "test.injection", `'=HYPERLINK("http://evil","x")`, "10.0.0.1"]);
        assert.equal(row?.getCell(7).type, ExcelJS.ValueType.String, "text, never a formula");
        assert.equal(sheet?.rowCount, 2, "one row under the header");
      });
    });

    describe("the dashboard", () => {
      test("counts people by status, waiting requests, live sessions and today's changes per module", async () => {
        const admin = await signedIn(ADMIN_ID);
        const figures = await admin.get<{
          people: { staff: number; blocked: number };
          requests: { pending: number };
          activeSessions: number;
          activity: { modules: { module: string; changes: number }[]; handledUpdates: number };
        }>("/api/dashboard");
        assert.equal(figures.status, 200);
        assert.ok(figures.body.people.staff >= 3);
        assert.ok(figures.body.activeSessions >= 1);
        const access = figures.body.activity.modules.find((row) => row.module === "access");
        assert.ok(access !== undefined && access.changes > 5, "today's sign-ins and decisions count for the access module");
        assert.equal(typeof figures.body.activity.handledUpdates, "number");
      });
    });

    test("pages and API answers carry the security headers", async () => {
      for (const path of ["/login", "/api/me"]) {
        const response = await fetch(`${app.url}${path}`);
        assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'self'/, path);
        assert.match(response.headers.get("content-security-policy") ?? "", /frame-ancestors 'self' https:\/\/web\.telegram\.org/, path);
        assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
        assert.equal(response.headers.get("referrer-policy"), "no-referrer", path);
        assert.equal(response.headers.get("cross-origin-opener-policy"), "same-origin", path);
      }
    });
  });
}
