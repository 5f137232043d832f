import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { defineFlow } from "../../../src/platform/telegram/flow-definition.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";

const booking = defineFlow("booking", ["service", "time", "confirm"], z.object({ serviceId: z.number().int().optional(), start: z.string().optional() }));
const key = { botId: "salon", chatId: 501, userId: 501 };

describe("defineFlow, read from an update", () => {
  test("the sender's flow comes typed only when it is this flow, at one of the steps asked", () => {
    const state = { name: "booking", step: "time", data: { serviceId: 3 }, instance: 2 };
    assert.deepEqual(booking.of({ flow: state }), state);
    assert.deepEqual(booking.of({ flow: state }, "time", "confirm")?.data, { serviceId: 3 });
    assert.equal(booking.of({ flow: state }, "confirm"), undefined);
    assert.equal(booking.of({ flow: { ...state, name: "admin-booking" } }), undefined);
    assert.equal(booking.of({ flow: undefined }), undefined);
  });

  test("a saved draft its schema refuses, or an unknown step, is no flow at all", () => {
    assert.equal(booking.of({ flow: { name: "booking", step: "time", data: { serviceId: "3" }, instance: 2 } }), undefined);
    assert.equal(booking.of({ flow: { name: "booking", step: "payment", data: {}, instance: 2 } }), undefined);
  });
});

for (const kind of databaseKinds) {
  describe(`defineFlow, kept in the database, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);

    test("start, advance and end keep the typed draft across reads", async () => {
      const started = await suite.database.db.transaction().execute((trx) => booking.start(trx, key, "service", {}));
      const moved = await suite.database.db.transaction().execute((trx) => booking.advance(trx, key, started, "time", { serviceId: 3 }));
      assert.deepEqual([moved.step, moved.data], ["time", { serviceId: 3 }]);
      const row = await suite.database.db.selectFrom("flow").select(["name", "step", "data", "instance"]).where("user_id", "=", 501).executeTakeFirstOrThrow();
      assert.deepEqual(booking.of({ flow: { name: row.name!, step: row.step!, data: row.data, instance: row.instance } }, "time")?.data, { serviceId: 3 });
      assert.equal(await suite.database.db.transaction().execute((trx) => booking.end(trx, key)), true);
    });

    test("writing a draft its schema refuses throws and stores nothing", async () => {
      const started = await suite.database.db.transaction().execute((trx) => booking.start(trx, key, "service", {}));
      await assert.rejects(
        suite.database.db.transaction().execute((trx) => booking.advance(trx, key, started, "time", { serviceId: "3" } as never)),
        /draft its schema refuses/,
      );
      const row = await suite.database.db.selectFrom("flow").select(["step", "data"]).where("user_id", "=", 501).executeTakeFirstOrThrow();
      assert.deepEqual([row.step, row.data], ["service", {}]);
    });
  });
}
