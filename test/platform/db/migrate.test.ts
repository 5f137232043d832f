import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { MigrationError, migrateToLatest, type Migrations } from "../../../src/platform/db/migrate.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const probeTable = (name: string): Migrations[string] => ({
  up: async (db) => {
    await sql`create table ${sql.id(name)} (id int primary key)`.execute(db);
  },
});
const first: Migrations = { migrate_test_0001: probeTable("migrate_probe_one") };
const withSecond: Migrations = { ...first, migrate_test_0002: probeTable("migrate_probe_two") };

for (const kind of databaseKinds) {
  describe(`migrating to the latest, on ${kind.name}`, { skip: kind.skip }, () => {
    // The platform's tables only (a template every run has): the tests add theirs in order.
    const suite = migratedDatabase(kind);

    test("a migration not yet applied is applied once; on a database that applied every one, nothing runs", async () => {
      assert.deepEqual(await migrateToLatest(suite.database.db, first), ["migrate_test_0001"]);
      assert.deepEqual(await migrateToLatest(suite.database.db, first), []);
    });

    test("a migration added since is applied, and only it", async () => {
      assert.deepEqual(await migrateToLatest(suite.database.db, withSecond), ["migrate_test_0002"]);
      await sql`insert into migrate_probe_two values (1)`.execute(suite.database.db);
      assert.deepEqual(await migrateToLatest(suite.database.db, withSecond), []);
    });

    test("a database that applied a migration the app does not have is refused", async () => {
      // The database has migrate_test_0002 from the test above; this app knows only the first.
      await assert.rejects(migrateToLatest(suite.database.db, first), MigrationError);
    });
  });
}
