import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { migrationsOf, type RunningApp } from "../../../src/main.ts";
import { backupFileName } from "../../../src/platform/db/backup.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../../support/app.ts";
import { databaseKinds, freshPglite, tempDir, type TestDatabase } from "../../support/databases.ts";
import { eventually } from "../../support/telegram-user.ts";
import { signIn, type SignedInClient } from "../../support/signed-in-client.ts";

interface BackupsPage {
  directory: string;
  retentionDays: number;
  database: string;
  backups: { name: string; size: number; takenAt: string }[];
}
interface BackupRun {
  id: string;
  state: string;
  error: string | null;
}

for (const kind of databaseKinds) {
  describe(`the backups API on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let owner: SignedInClient;
    let dir: string;

    before(async () => {
      database = await kind.fresh(migrationsOf([]));
      dir = tempDir("botyard-panel-backups-");
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database, { BACKUP_DIR: dir }), []);
      owner = await signIn(app, OWNER_ID);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test("lists the backups in BACKUP_DIR newest first, leaving out other files", async () => {
      writeFileSync(join(dir, backupFileName(kind.name, new Date("2030-01-01T03:00:00Z"))), "old");
      writeFileSync(join(dir, backupFileName(kind.name, new Date("2030-01-02T03:00:00Z"))), "newer");
      writeFileSync(join(dir, `${backupFileName(kind.name, new Date("2030-01-03T03:00:00Z"))}.partial`), "being written");
      writeFileSync(join(dir, "notes.txt"), "not a backup");
      const answer = await owner.get<BackupsPage>("/api/backups");
      assert.equal(answer.status, 200);
      assert.equal(answer.body.directory, dir, "the page can say where the files are");
      assert.equal(answer.body.retentionDays, 30, "and how long they are kept");
      assert.equal(answer.body.database, kind.name);
      assert.deepEqual(answer.body.backups, [
        { name: backupFileName(kind.name, new Date("2030-01-02T03:00:00Z")), size: 5, takenAt: "2030-01-02T03:00:00.000Z" },
        { name: backupFileName(kind.name, new Date("2030-01-01T03:00:00Z")), size: 3, takenAt: "2030-01-01T03:00:00.000Z" },
      ]);
    });

    test("'back up now' queues a backup (audited), which the page follows until the file is there", async () => {
      const started = await owner.send<BackupRun>("POST", "/api/backups");
      assert.equal(started.status, 202);
      assert.equal(started.body.state, "queued");
      const [audit] = await app.database.db.selectFrom("audit_log").selectAll().where("action", "=", "backups.run").execute();
      assert.equal(audit?.actor_id, OWNER_ID);
      assert.equal(audit?.object_id, started.body.id);

      const finished = await eventually(async () => {
        const run = await owner.get<BackupRun>(`/api/backups/runs/${started.body.id}`);
        return run.body.state === "done" || run.body.state === "failed" ? run.body : undefined;
      }, "the backup run to finish");
      assert.deepEqual(finished, { id: started.body.id, state: "done", error: null });
      const listed = await owner.get<BackupsPage>("/api/backups");
      const fresh = listed.body.backups.filter((backup) => new Date(backup.takenAt).getFullYear() < 2030);
      assert.equal(fresh.length, 1, "the new backup is listed");
      assert.ok((fresh[0]?.size ?? 0) > 1000, "it holds the database");
      assert.equal((await owner.get(`/api/backups/runs/00000000-0000-4000-8000-000000000000`)).status, 404);
      assert.equal((await owner.get(`/api/backups/runs/not-a-job`)).status, 400);
    });

    test("a backup downloads as a file attachment, byte for byte", async () => {
      const name = backupFileName(kind.name, new Date("2030-01-02T03:00:00Z"));
      const answer = await fetch(`${app.url}/api/backups/${name}/download`, { headers: { cookie: owner.cookie } });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get("content-disposition"), `attachment; filename="${name}"`);
      assert.deepEqual(Buffer.from(await answer.arrayBuffer()), readFileSync(join(dir, name)));
    });

    test("a download names only backups in the directory: no other file, no path traversal", async () => {
      writeFileSync(join(dir, "..", "botyard-secret.txt"), "TOP-SECRET-CONTENT");
      const attempts = [
        { path: "notes.txt", status: 400 },
        { path: "..%2Fbotyard-secret.txt", status: 400 },
        { path: "..%2F..%2F..%2Fetc%2Fpasswd", status: 400 },
        { path: `${encodeURIComponent(`../${backupFileName(kind.name, new Date("2030-01-02T03:00:00Z"))}`)}`, status: 400 },
        { path: `${backupFileName(kind.name, new Date("2030-01-03T03:00:00Z"))}.partial`, status: 400 },
        { path: backupFileName(kind.name, new Date("2031-05-05T05:05:05Z")), status: 404 },
      ];
      for (const attempt of attempts) {
        const answer = await owner.get<{ error: string }>(`/api/backups/${attempt.path}/download`);
        assert.equal(answer.status, attempt.status, attempt.path);
        assert.equal(typeof answer.body.error, "string");
        assert.doesNotMatch(JSON.stringify(answer.body), /TOP-SECRET-CONTENT|root:/);
      }
      rmSync(join(dir, "..", "botyard-secret.txt"));
    });

    test("backups are for owners only: admins are refused", async () => {
      await app.database.db.insertInto("role").values({ bot_id: "main", telegram_id: 900_020, role: "admin", granted_by: OWNER_ID }).execute();
      const admin = await signIn(app, 900_020);
      assert.equal((await admin.get("/api/backups")).status, 403);
      assert.equal((await admin.send("POST", "/api/backups")).status, 403);
      const name = backupFileName(kind.name, new Date("2030-01-02T03:00:00Z"));
      assert.equal((await admin.get(`/api/backups/${name}/download`)).status, 403);
      assert.equal((await owner.send("POST", "/api/backups", undefined, { csrf: false })).status, 403, "a write needs the CSRF token");
    });
  });
}

describe("a backup run that fails", () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let dir: string;

  before(async () => {
    database = await freshPglite(migrationsOf([]));
    dir = tempDir("botyard-panel-backups-");
    writeFileSync(join(dir, "a-file"), "");
    emulator = await startEmulator();
    // A "directory" inside a file: the backup cannot be written.
    app = await startAppInProcess(appEnv(emulator.url, database, { BACKUP_DIR: join(dir, "a-file", "backups") }), []);
  });
  after(async () => {
    await app.stop("test over");
    await emulator.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("is reported to the page with the reason, and not retried", async () => {
    const owner = await signIn(app, OWNER_ID);
    const started = await owner.send<BackupRun>("POST", "/api/backups");
    const finished = await eventually(async () => {
      const run = await owner.get<BackupRun>(`/api/backups/runs/${started.body.id}`);
      return run.body.state === "done" || run.body.state === "failed" ? run.body : undefined;
    }, "the backup run to finish");
    assert.equal(finished.state, "failed");
    assert.match(finished.error ?? "", /ENOTDIR|not a directory/);
    assert.deepEqual((await owner.get<BackupsPage>("/api/backups")).body.backups, []);
  });
});
