import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { withSavepoint } from "../../../src/platform/db/savepoint.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

for (const kind of databaseKinds) {
  describe(`withSavepoint, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, {
      savepoint_test_0001: {
        up: async (db) => {
          await sql`create table savepoint_probe (id int primary key)`.execute(db);
        },
      },
    });
    const ids = async () => (await sql<{ id: number }>`select id from savepoint_probe order by id`.execute(suite.database.db)).rows.map((row) => row.id);

    test("a failed statement inside is undone and the transaction goes on", async () => {
      await suite.database.transaction(async (trx) => {
        await sql`insert into savepoint_probe values (1)`.execute(trx);
        await assert.rejects(
          withSavepoint(trx, async () => {
            await sql`insert into savepoint_probe values (2)`.execute(trx);
            await sql`insert into savepoint_probe values (1)`.execute(trx);
          }),
          /duplicate key/,
        );
        await sql`insert into savepoint_probe values (3)`.execute(trx);
      });
      assert.deepEqual(await ids(), [1, 3]);
    });

    test("a result not to be kept is undone and returned; nested savepoints keep their own", async () => {
      const outcome = await suite.database.transaction((trx) =>
        withSavepoint(
          trx,
          async () => {
            await sql`insert into savepoint_probe values (4)`.execute(trx);
            await withSavepoint(trx, async () => sql`insert into savepoint_probe values (5)`.execute(trx));
            return { ok: false };
          },
          (result) => result.ok,
        ),
      );
      assert.deepEqual(outcome, { ok: false });
      assert.deepEqual(await ids(), [1, 3]);
    });
  });
}
