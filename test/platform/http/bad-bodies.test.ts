/**
 * Every route of the whole app, walked with bodies no client should send: too deep, not JSON,
 * not an object, text the database refuses. None is answered with internal detail (a database
 * error's code or text, a stack), and each is a client's mistake: a 4xx.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { RunningApp } from "../../../src/main.ts";
import { startSession } from "../../../src/platform/auth/sessions.ts";
import { MAX_JSON_DEPTH } from "../../../src/platform/http/json-body.ts";
import { CSRF_HEADER, SESSION_COOKIE, type GuardedRoute } from "../../../src/platform/http/route-guard.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../../support/app.ts";
import { freshPglite, tempDir, type TestDatabase } from "../../support/databases.ts";

/** One level past the limit: refused as any deeper body is, and cheap to send to every route. */
const TOO_DEEP = MAX_JSON_DEPTH + 1;
const BAD_BODIES = [
  `${'{"a":'.repeat(TOO_DEEP)}1${"}".repeat(TOO_DEEP)}`,
  "{not json",
  "null",
  "[]",
  '"a string"',
  JSON.stringify({ name: "a\u0000b", text: "lone \ud800", title: "\u0000", first_name: "\u0000", message: "\u0000", description: "\u0000" }),
];

function concreteUrl(route: GuardedRoute): string {
  return route.url.replace(/:[A-Za-z_]+/g, "1").replace(/\*/g, "x");
}

describe("bad request bodies on every route", () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let owner: { secret: string; csrfToken: string };
  // The walk makes backups too.
  const backupDir = tempDir("botyard-backups-");

  before(async () => {
    database = await freshPglite(shippedMigrations);
    emulator = await startEmulator();
    app = await startAppInProcess(appEnv(emulator.url, database, { BACKUP_DIR: backupDir }));
    owner = await startSession(app.database.db, { botId: "main", telegramId: OWNER_ID, kind: "cookie", via: "link", userAgent: "test", ip: "127.0.0.1" });
  });
  after(async () => {
    await app?.stop("test over");
    await emulator?.close();
    await database?.drop();
    rmSync(backupDir, { recursive: true, force: true });
  });

  test("each is a 4xx, and no answer carries internal detail", async () => {
    // Routes that end the session go last, so the walk stays signed in.
    const routes = app.routes.filter((route) => route.method !== "GET" && route.method !== "HEAD").sort((a, b) => Number(/end|logout|sign-out/.test(a.url)) - Number(/end|logout|sign-out/.test(b.url)));
    assert.ok(routes.length > 5);
    const failures: string[] = [];
    for (const route of routes) {
      for (const body of BAD_BODIES) {
        const response = await fetch(`${app.url}${concreteUrl(route)}`, {
          method: route.method,
          headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${owner.secret}`, [CSRF_HEADER]: owner.csrfToken },
          body,
        });
        const text = await response.text();
        const what = `${route.method} ${route.url} with ${body.slice(0, 30)}: ${response.status} ${text.slice(0, 200)}`;
        if (response.status >= 500) failures.push(what);
        if (/"code"\s*:\s*"(?:\d|[A-Z]\d)|\bat .*\.ts:\d+|SQLSTATE|syntax for type/i.test(text)) failures.push(what);
      }
    }
    assert.deepEqual(failures, []);
  });
});
