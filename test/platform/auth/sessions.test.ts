import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { issueLoginLink, redeemLoginLink, revokeTokens } from "../../../src/platform/auth/login-links.ts";
import { hitRateLimit } from "../../../src/platform/auth/rate-limit.ts";
import { revokeAccess } from "../../../src/platform/auth/revoke-access.ts";
import { hashSecret } from "../../../src/platform/auth/secrets.ts";
import { endSessions, listSessions, resolveSession, SESSION_LIMITS, startSession } from "../../../src/platform/auth/sessions.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const BOT = "main";
const ANN = 501;
const minutes = (n: number) => n * 60_000;

for (const kind of databaseKinds) {
  describe(`sessions and login links on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    const at = (ms: number) => new Date(Date.UTC(2026, 10, 21, 12) + ms);

    const setUp = async () => {
      const db = suite.database.db;
      await db.insertInto("bot").values({ id: BOT, telegram_id: 1, username: "b", settings: JSON.stringify({ timeZone: "UTC", languages: ["en"], modules: null }) }).onConflict((c) => c.doNothing()).execute();
      await db.insertInto("role").values({ bot_id: BOT, telegram_id: ANN, role: "admin", granted_by: null }).onConflict((c) => c.doNothing()).execute();
    };
    const newSession = (now: Date, sessionKind: "cookie" | "bearer" = "cookie") =>
      startSession(suite.database.db, { botId: BOT, telegramId: ANN, kind: sessionKind, via: "link", userAgent: "Firefox", ip: "10.0.0.1" }, now);

    test("a login link works once, and only its hash is stored", async () => {
      await setUp();
      const secret = await issueLoginLink(suite.database.db, BOT, ANN, at(0));
      assert.equal(secret.length, 43); // 256 bits in base64url
      const stored = await suite.database.db.selectFrom("login_token").select("token_hash").execute();
      assert.ok(stored.every((row) => row.token_hash !== secret));
      assert.ok(stored.some((row) => row.token_hash === hashSecret(secret)));
      assert.deepEqual(await redeemLoginLink(suite.database.db, secret, at(minutes(1))), { ok: true, botId: BOT, telegramId: ANN });
      assert.deepEqual(await redeemLoginLink(suite.database.db, secret, at(minutes(2))), { ok: false, reason: "used" });
    });

    test("a login link expires after ten minutes, and an unknown one is refused", async () => {
      const secret = await issueLoginLink(suite.database.db, BOT, ANN, at(0));
      assert.deepEqual(await redeemLoginLink(suite.database.db, secret, at(minutes(10))), { ok: false, reason: "expired" });
      assert.deepEqual(await redeemLoginLink(suite.database.db, "x".repeat(43), at(0)), { ok: false, reason: "unknown" });
    });

    test("two redeems of one link at once: exactly one wins", async () => {
      const secret = await issueLoginLink(suite.database.db, BOT, ANN, at(0));
      const results = await Promise.all([1, 2, 3].map(() => redeemLoginLink(suite.database.db, secret, at(1000))));
      assert.equal(results.filter((result) => result.ok).length, 1);
    });

    test("a session opens with its secret, carries fresh roles, and dies when idle too long", async () => {
      const started = await newSession(at(0));
      const live = await resolveSession(suite.database.db, started.secret, at(minutes(5)));
      assert.deepEqual(live?.roles, ["admin"]);
      assert.equal(live?.csrfToken, started.csrfToken);
      // Used at 5 minutes, so idle counts from there.
      assert.ok(await resolveSession(suite.database.db, started.secret, at(minutes(5) + SESSION_LIMITS.cookie.idleMs - 1)));
      const lateSession = await newSession(at(0));
      assert.equal(await resolveSession(suite.database.db, lateSession.secret, at(SESSION_LIMITS.cookie.idleMs)), undefined);
    });

    test("a session ends at its absolute limit however busy it is", async () => {
      const started = await newSession(at(0), "bearer");
      assert.ok(await resolveSession(suite.database.db, started.secret, at(SESSION_LIMITS.bearer.absoluteMs - 1000)));
      assert.equal(await resolveSession(suite.database.db, started.secret, at(SESSION_LIMITS.bearer.absoluteMs)), undefined);
    });

    test("a person sees their live sessions and can end one", async () => {
      const now = new Date();
      const one = await newSession(now);
      const listed = await listSessions(suite.database.db, BOT, ANN, now);
      assert.ok(listed.some((session) => session.id === one.id && session.userAgent === "Firefox" && session.ip === "10.0.0.1"));
      assert.deepEqual(await endSessions(suite.database.db, { botId: BOT, id: one.id }, "ended by its owner"), [one.id]);
      assert.equal(await resolveSession(suite.database.db, one.secret, now), undefined);
    });

    test("revoking access ends every session, bearer token, unused link and role at once", async () => {
      const now = new Date();
      const cookie = await newSession(now);
      const bearer = await newSession(now, "bearer");
      const link = await issueLoginLink(suite.database.db, BOT, ANN, now);
      const revoked = await suite.database.transaction((trx) => revokeAccess(trx, BOT, ANN, "blocked"));
      assert.ok(revoked.sessions >= 2);
      assert.deepEqual(revoked.roles, ["admin"]);
      assert.equal(await resolveSession(suite.database.db, cookie.secret, now), undefined);
      assert.equal(await resolveSession(suite.database.db, bearer.secret, now), undefined);
      assert.deepEqual(await redeemLoginLink(suite.database.db, link, now), { ok: false, reason: "used" });
      assert.equal(await revokeTokens(suite.database.db, BOT, ANN), 0);
    });

    test("a rate limit counts hits across callers within any window-long stretch, and forgets them after it", async () => {
      const rule = { limit: 2, windowMs: minutes(10) };
      const hits = [];
      for (let i = 0; i < 3; i++) hits.push(await hitRateLimit(suite.database.db, "link:person:501", rule, at(i)));
      assert.deepEqual(hits, [true, true, false]);
      assert.equal(await hitRateLimit(suite.database.db, "link:person:502", rule, at(3)), true);
      assert.equal(await hitRateLimit(suite.database.db, "link:person:501", rule, at(minutes(10))), false, "a new window does not forget the hits a moment ago");
      assert.equal(await hitRateLimit(suite.database.db, "link:person:501", rule, at(minutes(30))), true, "two windows later they are forgotten");
      const windows = await suite.database.db.selectFrom("rate_limit").select("window_start").where("key", "=", "link:person:501").execute();
      assert.equal(windows.length, 1, "old windows are cleared");
    });

    test("a rate limit lets no more than its limit through across a window's boundary", async () => {
      const rule = { limit: 30, windowMs: minutes(10) };
      let allowed = 0;
      // 60 attempts in 12 seconds, straddling the boundary at 10 minutes: a fixed window let all 60 through.
      for (let i = 0; i < 60; i++) if (await hitRateLimit(suite.database.db, "sign-in:ip:10.0.0.9", rule, at(minutes(10) - 6_000 + i * 200))) allowed += 1;
      assert.ok(allowed <= 30, `${allowed} let through`);
      assert.ok(allowed >= 29, `${allowed} let through`);
    });
  });
}
