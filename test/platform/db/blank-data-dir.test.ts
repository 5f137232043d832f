import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { sql } from "kysely";
import { createBlankDataDir, isDataDir } from "../../../src/platform/db/blank-data-dir.ts";
import { openDatabase } from "../../../src/platform/db/database.ts";

describe("a new PGlite data directory", () => {
  const made: string[] = [];
  const scratch = async () => {
    const dir = await mkdtemp(join(tmpdir(), "botyard-blank-"));
    made.push(dir);
    return dir;
  };
  after(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

  test("is copied from a blank directory initialised once in a child process, and opens empty", async () => {
    const root = await scratch();
    const cache = join(root, "cache", "pglite-blank");
    await createBlankDataDir(join(root, "first"), cache);
    assert.ok(isDataDir(cache), "the blank directory is kept for the next first start");
    await createBlankDataDir(join(root, "second"), cache);
    assert.ok(isDataDir(join(root, "second")));

    const database = await openDatabase({ kind: "pglite", dataDir: join(root, "app") });
    try {
      const tables = await sql<{ count: number }>`select count(*)::int as count from information_schema.tables where table_schema = 'public'`.execute(database.db);
      assert.equal(tables.rows[0]?.count, 0);
    } finally {
      await database.close();
    }
  });

  test("is initialised in place when the cache cannot be written", async () => {
    const root = await scratch();
    await writeFile(join(root, "not-a-folder"), "");
    await createBlankDataDir(join(root, "data"), join(root, "not-a-folder", "pglite-blank"));
    assert.ok(isDataDir(join(root, "data")));
  });
});
