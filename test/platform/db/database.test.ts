import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { QueryOutsideTransactionError } from "../../../src/platform/db/connection-gate.ts";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import { DataDirLockedError } from "../../../src/platform/db/data-dir-lock.ts";
import { migrateToLatest } from "../../../src/platform/db/migrate.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";

for (const kind of databaseKinds) {
  describe(`the database on ${kind.name}`, { skip: kind.skip }, () => {
    let fresh: TestDatabase;
    let database: Database;
    before(async () => {
      fresh = await kind.fresh();
      database = await openDatabase(fresh.settings);
      await migrateToLatest(database.db);
    });
    after(async () => {
      await database.close();
      await fresh.drop();
    });

    test("migrations create the platform tables and a second run applies nothing", async () => {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public'`.execute(database.db);
      const names = tables.rows.map((row) => row.table_name);
      for (const table of ["inbox", "outbox", "chat_lease", "flow", "scheduled_event", "person", "role"]) {
        assert.ok(names.includes(table), `${table} exists`);
      }
      assert.deepEqual(await migrateToLatest(database.db), []);
    });

    test("a query on db inside a transaction throws instead of escaping it", async () => {
      await assert.rejects(
        database.transaction(async () => {
          await database.db.selectFrom("inbox").selectAll().execute();
        }),
        QueryOutsideTransactionError,
      );
    });

    test("a rolled-back transaction leaves nothing behind", async () => {
      await assert.rejects(
        database.transaction(async (trx) => {
          await trx
            .insertInto("bot")
            .values({ id: "rolled-back", telegram_id: 1, username: null, settings: JSON.stringify({}) })
            .execute();
          throw new Error("abort");
        }),
      );
      const rows = await database.db.selectFrom("bot").where("id", "=", "rolled-back").selectAll().execute();
      assert.equal(rows.length, 0);
    });

    test("concurrent transactions each see their own writes and all commit", async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          database.transaction(async (trx) => {
            await trx
              .insertInto("bot")
              .values({ id: `concurrent-${i}`, telegram_id: i, username: null, settings: JSON.stringify({}) })
              .execute();
          }),
        ),
      );
      const count = await database.db
        .selectFrom("bot")
        .where("id", "like", "concurrent-%")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 10);
    });

    if (kind.name === "pglite") {
      test("the data directory cannot be opened twice", async () => {
        await assert.rejects(openDatabase(fresh.settings), DataDirLockedError);
      });
    }
  });
}
