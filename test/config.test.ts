import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { test } from "node:test";
import { ConfigError, loadConfig } from "../src/config.ts";

test("with no token it runs in sandbox mode on the embedded database", () => {
  const config = loadConfig({});
  assert.equal(config.sandbox, true);
  assert.equal(config.database.kind, "pglite");
  assert.equal(config.bots.length, 1);
});

test("a token and DATABASE_URL run a real bot on PostgreSQL", () => {
  const config = loadConfig({ BOT_TOKEN: "123:abc", DATABASE_URL: "postgres://u@h/db" });
  assert.equal(config.sandbox, false);
  assert.deepEqual(config.database, { kind: "postgres", url: "postgres://u@h/db" });
});

test("backups are kept inside the data directory unless BACKUP_DIR says otherwise", () => {
  assert.equal(loadConfig({ DATA_DIR: "/srv/salon" }).backupDir, "/srv/salon/backups");
  assert.equal(loadConfig({}).backupDir, resolve("data/backups"), "the git-ignored ./data");
  assert.equal(loadConfig({ DATA_DIR: "/srv/salon", BACKUP_DIR: "/mnt/copies" }).backupDir, "/mnt/copies");
});

test("no backup or data folder the app writes by default can be committed by accident", () => {
  const ignored = execFileSync("git", ["check-ignore", "data/backups/botyard-2030-01-01T00-00-00-000Z.tar.gz", "backups/botyard-2030-01-01T00-00-00-000Z.tar.gz", "data/pglite/PG_VERSION"], { encoding: "utf8" });
  assert.equal(ignored.trim().split("\n").length, 3);
});

test("webhook mode needs PUBLIC_URL with WEBHOOK_SECRET", () => {
  assert.throws(() => loadConfig({ BOT_TOKEN: "123:abc", WEBHOOK_SECRET: "s".repeat(32) }), ConfigError);
});

test("PUBLIC_URL alone keeps long polling and names where the panel is", () => {
  const config = loadConfig({ BOT_TOKEN: "123:abc", PUBLIC_URL: "https://x.example" });
  assert.equal(config.webhook, undefined);
  assert.equal(config.env.PUBLIC_URL, "https://x.example");
});

test("a malformed variable is named in the error", () => {
  assert.throws(() => loadConfig({ PORT: "http" }), /PORT/);
});

test("X-Forwarded-For is not believed unless TRUST_PROXY says a proxy is in front", () => {
  assert.equal(loadConfig({}).env.TRUST_PROXY, "false");
  assert.throws(() => loadConfig({ TRUST_PROXY: "yes" }), /TRUST_PROXY/);
});
