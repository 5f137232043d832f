/**
 * The one guard of every HTTP route, walked over the whole app with the real modules: each
 * route that is not public refuses a request without a session, and each route that needs a
 * permission refuses a signed-in person who lacks it. Routes other modules add are covered
 * the day they are registered.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RunningApp } from "../../../src/main.ts";
import { startSession } from "../../../src/platform/auth/sessions.ts";
import { CSRF_HEADER, SESSION_COOKIE, type GuardedRoute } from "../../../src/platform/http/route-guard.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, shippedMigrations, startAppInProcess, startEmulator } from "../../support/app.ts";
import { freshPglite, type TestDatabase } from "../../support/databases.ts";

const STRANGER_ID = 900_777;
const ADMIN_ID = 900_778;

/** The route's URL with every path parameter (and wildcard) filled with a harmless dummy. */
function concreteUrl(route: GuardedRoute): string {
  return route.url.replace(/:[A-Za-z_]+/g, "1").replace(/\*/g, "x");
}

describe("the route guard", () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let stranger: { secret: string; csrfToken: string };
  let owner: { secret: string; csrfToken: string };
  let admin: { secret: string; csrfToken: string };

  before(async () => {
    database = await freshPglite(shippedMigrations);
    emulator = await startEmulator();
    app = await startAppInProcess(appEnv(emulator.url, database));
    await app.database.db
      .insertInto("person")
      .values([STRANGER_ID, ADMIN_ID].map((telegram_id) => ({ telegram_id, first_name: "Someone", last_name: null, username: null, language_code: "en" })))
      .execute();
    await app.database.db.insertInto("role").values({ bot_id: "main", telegram_id: ADMIN_ID, role: "admin", granted_by: OWNER_ID }).execute();
    const session = (telegramId: number) =>
      startSession(app.database.db, { botId: "main", telegramId, kind: "cookie", via: "link", userAgent: "test", ip: "127.0.0.1" });
    stranger = await session(STRANGER_ID);
    owner = await session(OWNER_ID);
    admin = await session(ADMIN_ID);
  });
  after(async () => {
    await app?.stop("test over");
    await emulator?.close();
    await database?.drop();
  });

  const call = (route: GuardedRoute, as?: { secret: string; csrfToken: string }) =>
    fetch(`${app.url}${concreteUrl(route)}`, {
      method: route.method,
      headers: {
        ...(route.method === "GET" || route.method === "DELETE" ? {} : { "content-type": "application/json" }),
        ...(as === undefined ? {} : { cookie: `${SESSION_COOKIE}=${as.secret}`, [CSRF_HEADER]: as.csrfToken }),
      },
      body: route.method === "GET" || route.method === "DELETE" ? undefined : "{}",
      redirect: "manual",
    });

  test("the app's routes include the panel's, so the walk below covers them", () => {
    const urls = app.routes.map((route) => `${route.method} ${route.url}`);
    for (const expected of ["GET /api/me", "GET /api/people", "GET /api/audit", "POST /api/auth/link", "GET /api/dashboard"]) {
      assert.ok(urls.includes(expected), `${expected} is registered`);
    }
  });

  test("every route that is not public answers 401 without a session", async () => {
    const guarded = app.routes.filter((route) => route.access !== "public");
    assert.ok(guarded.length > 5);
    for (const route of guarded) {
      const response = await call(route);
      assert.equal(response.status, 401, `${route.method} ${route.url} without a session`);
      assert.deepEqual(Object.keys((await response.json()) as object), ["error"]);
    }
  });

  test("every route that needs a permission answers 403 to a signed-in person without it", async () => {
    const guarded = app.routes.filter((route) => typeof route.access === "object");
    assert.ok(guarded.length > 5);
    for (const route of guarded) {
      const response = await call(route, stranger);
      assert.equal(response.status, 403, `${route.method} ${route.url} as a person with no role`);
      assert.match(((await response.json()) as { error: string }).error, /permission/, `${route.method} ${route.url}: refused for the permission, not the CSRF token`);
    }
  });

  test("a role that lacks a route's permission is refused too (admins and the owners-only routes)", async () => {
    const { PLATFORM_PERMISSIONS } = await import("../../../src/platform/auth/permissions.ts");
    const ownersOnly = Object.entries(PLATFORM_PERMISSIONS).filter(([, roles]) => roles.length === 0).map(([permission]) => permission);
    const guarded = app.routes.filter((route) => typeof route.access === "object" && ownersOnly.includes(route.access.permission));
    assert.ok(guarded.length > 0, "backups are owners-only routes");
    for (const route of guarded) {
      const response = await call(route, admin);
      assert.equal(response.status, 403, `${route.method} ${route.url} as an admin`);
    }
  });

  test("the owner's session passes the guard of every permission route it reads", async () => {
    const reads = app.routes.filter((route) => typeof route.access === "object" && route.method === "GET");
    for (const route of reads) {
      const response = await call(route, owner);
      assert.ok(![401, 403].includes(response.status), `${route.method} ${route.url} as the owner: ${response.status}`);
    }
  });

  test("no cache may keep what an /api route answers, to the owner or to nobody", async () => {
    const api = app.routes.filter((route) => route.url.startsWith("/api/"));
    assert.ok(api.length > 20);
    for (const route of api) {
      const refused = await call(route);
      assert.equal(refused.headers.get("cache-control"), "no-store", `${route.method} ${route.url} without a session`);
      await refused.body?.cancel();
    }
    for (const route of api.filter((candidate) => candidate.method === "GET")) {
      const answered = await call(route, owner);
      assert.equal(answered.headers.get("cache-control"), "no-store", `${route.method} ${route.url} as the owner`);
      await answered.body?.cancel();
    }
  });

  test("a cookie session's write without the CSRF token is refused", async () => {
    const response = await fetch(`${app.url}/api/sessions/end-all`, { method: "POST", headers: { cookie: `${SESSION_COOKIE}=${owner.secret}` } });
    assert.equal(response.status, 403);
    assert.match(((await response.json()) as { error: string }).error, /out of date/);
  });

  test("the guard's refusals read in the person's panel language, and before sign-in in the browser's", async () => {
    const anonymous = await fetch(`${app.url}/api/people`, { headers: { "accept-language": "ru-RU,ru;q=0.9" } });
    assert.deepEqual([anonymous.status, ((await anonymous.json()) as { error: string }).error], [401, "Пожалуйста, войдите."]);
    await app.database.db
      .insertInto("bot_member")
      .values({ bot_id: "main", telegram_id: STRANGER_ID, panel_language: "ru" })
      .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id"]).doUpdateSet({ panel_language: "ru" }))
      .execute();
    const forbidden = await fetch(`${app.url}/api/people`, { headers: { cookie: `${SESSION_COOKIE}=${stranger.secret}`, "accept-language": "en" } });
    assert.deepEqual([forbidden.status, ((await forbidden.json()) as { error: string }).error], [403, "У вас нет прав на это."]);
  });
});
