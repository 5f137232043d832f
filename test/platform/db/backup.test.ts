import assert from "node:assert/strict";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { backupDatabase, backupFileName, backupTime, pruneBackups, restoreDatabase } from "../../../src/platform/db/backup.ts";
import { DataDirLockedError } from "../../../src/platform/db/data-dir-lock.ts";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import { migrateToLatest } from "../../../src/platform/db/migrate.ts";
import { databaseKinds, tempDir, type TestDatabase } from "../../support/databases.ts";

async function botIds(database: Database): Promise<string[]> {
  const rows = await database.db.selectFrom("bot").select("id").orderBy("id").execute();
  return rows.map((row) => row.id);
}

async function addBot(database: Database, id: string): Promise<void> {
  await database.db.insertInto("bot").values({ id, telegram_id: id.length, username: null, settings: JSON.stringify({}) }).execute();
}

for (const kind of databaseKinds) {
  describe(`backups on ${kind.name}`, { skip: kind.skip }, () => {
    let fresh: TestDatabase;
    let dir: string;
    before(async () => {
      fresh = await kind.fresh();
      dir = tempDir("botyard-backups-");
    });
    after(async () => {
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test("a restored backup brings back the rows as they were when it was taken", async () => {
      let database = await openDatabase(fresh.settings);
      await migrateToLatest(database.db);
      await addBot(database, "alpha");
      await addBot(database, "beta");

      const file = await backupDatabase(database, dir, new Date("2030-01-02T03:04:05.678Z"));
      assert.equal(basename(file), backupFileName(kind.name, new Date("2030-01-02T03:04:05.678Z")));
      assert.ok(existsSync(file));

      await database.db.deleteFrom("bot").where("id", "=", "alpha").execute();
      await database.db.updateTable("bot").set({ username: "changed" }).where("id", "=", "beta").execute();
      await addBot(database, "gamma");
      assert.deepEqual(await botIds(database), ["beta", "gamma"]);
      await database.close();

      const result = await restoreDatabase(file, fresh.settings);
      if (kind.name === "pglite") {
        assert.ok(result.previous !== undefined && existsSync(result.previous), "the replaced data directory is kept");
      }

      database = await openDatabase(fresh.settings);
      try {
        assert.deepEqual(await botIds(database), ["alpha", "beta"]);
        const beta = await database.db.selectFrom("bot").select("username").where("id", "=", "beta").executeTakeFirstOrThrow();
        assert.equal(beta.username, null);
        assert.deepEqual(await migrateToLatest(database.db), [], "the restored database is fully migrated");
      } finally {
        await database.close();
      }
    });

    if (kind.name === "pglite") {
      test("restoring or backing up a data directory an open app holds is refused", async () => {
        const database = await openDatabase(fresh.settings);
        try {
          const file = await backupDatabase(database, dir);
          await assert.rejects(restoreDatabase(file, fresh.settings), DataDirLockedError);
          await assert.rejects(backupDatabase(fresh.settings, dir), DataDirLockedError);
          assert.ok((await botIds(database)).length > 0, "the open database still works");
        } finally {
          await database.close();
        }
      });

      test("a backup of a closed data directory can be taken from its settings", async () => {
        const file = await backupDatabase(fresh.settings, dir, new Date("2030-02-01T00:00:00.000Z"));
        assert.ok(existsSync(file));
        assert.ok(!existsSync(`${file}.partial`));
      });
    }
  });
}

describe("pruning backups", () => {
  test("removes backups older than the retention and keeps newer ones and unrelated files", async () => {
    const dir = tempDir("botyard-prune-");
    try {
      const now = new Date("2030-03-31T12:00:00.000Z");
      const day = 86_400_000;
      const names = [40, 31, 29, 1].map((days) => backupFileName("pglite", new Date(now.getTime() - days * day)));
      for (const name of [...names, "notes.txt"]) writeFileSync(join(dir, name), "x");

      const removed = await pruneBackups(dir, 30, now);
      assert.deepEqual(removed.map((path) => basename(path)).sort(), [names[0], names[1]].sort());
      assert.deepEqual(readdirSync(dir).sort(), [names[2], names[3], "notes.txt"].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("keeps the newest backup even when it is older than the retention", async () => {
    const dir = tempDir("botyard-prune-");
    try {
      const old = backupFileName("postgres", new Date("2029-01-01T00:00:00.000Z"));
      const older = backupFileName("postgres", new Date("2028-01-01T00:00:00.000Z"));
      for (const name of [old, older]) writeFileSync(join(dir, name), "x");
      const removed = await pruneBackups(dir, 30, new Date("2030-01-01T00:00:00.000Z"));
      assert.deepEqual(removed.map((path) => basename(path)), [older]);
      assert.deepEqual(readdirSync(dir), [old]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("reads a backup's time back from its name", () => {
    const at = new Date("2030-01-02T03:04:05.678Z");
    assert.deepEqual(backupTime(backupFileName("pglite", at)), at);
    assert.equal(backupTime("botyard.lock"), undefined);
  });
});
