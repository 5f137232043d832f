import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { QueryOutsideTransactionError } from "../../../src/platform/db/connection-gate.ts";
import { openDatabase } from "../../../src/platform/db/database.ts";
import { DataDirLockedError } from "../../../src/platform/db/data-dir-lock.ts";
import { migrateToLatest } from "../../../src/platform/db/migrate.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

for (const kind of databaseKinds) {
  describe(`the database on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);

    test("migrations create the platform tables and a second run applies nothing", async () => {
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public'`.execute(suite.database.db);
      const names = tables.rows.map((row) => row.table_name);
      for (const table of ["inbox", "outbox", "chat_lease", "flow", "scheduled_event", "person", "role"]) {
        assert.ok(names.includes(table), `${table} exists`);
      }
      assert.deepEqual(await migrateToLatest(suite.database.db), []);
    });

    test("a query on db inside a transaction throws instead of escaping it", async () => {
      await assert.rejects(
        suite.database.transaction(async () => {
          await suite.database.db.selectFrom("inbox").selectAll().execute();
        }),
        QueryOutsideTransactionError,
      );
    });

    test("a rolled-back transaction leaves nothing behind", async () => {
      await assert.rejects(
        suite.database.transaction(async (trx) => {
          await trx
            .insertInto("bot")
            .values({ id: "rolled-back", telegram_id: 1, username: null, settings: JSON.stringify({}) })
            .execute();
          throw new Error("abort");
        }),
      );
      const rows = await suite.database.db.selectFrom("bot").where("id", "=", "rolled-back").selectAll().execute();
      assert.equal(rows.length, 0);
    });

    test("concurrent transactions each see their own writes and all commit", async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          suite.database.transaction(async (trx) => {
            await trx
              .insertInto("bot")
              .values({ id: `concurrent-${i}`, telegram_id: i, username: null, settings: JSON.stringify({}) })
              .execute();
          }),
        ),
      );
      const count = await suite.database.db
        .selectFrom("bot")
        .where("id", "like", "concurrent-%")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 10);
    });

    if (kind.name === "pglite") {
      test("the data directory cannot be opened twice", async () => {
        await assert.rejects(openDatabase(suite.fresh.settings), DataDirLockedError);
      });
    }
  });
}
