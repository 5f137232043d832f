import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { sql } from "kysely";
import { bookingModule } from "../../../../src/modules/booking/module.ts";
import { botHarness, type ApiCall, type BotHarness } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

// Only PGlite: the commands behind these buttons run on both databases in their own tests.
const pglite = databaseKinds.filter((kind) => kind.name === "pglite");

const NINA = 880_001;
const OLEG = 880_002;

const said = (calls: ApiCall[]) => calls.map((call) => [call.method, call.payload.text]);

/** Booking's payloads that no button of the bot ever carried: wrong ids, impossible dates, extra or missing fields. */
const FORGED_BY_A_CLIENT = [
  "bkr:cancel:abc",
  "bkr:come:0",
  "bkw:join:1:0:2026-02-30",
  "bkw:join:0:0:2026-03-04",
  "bkw:take:-1",
  "bkw:leave:1:2",
  "bkv:1:6",
  "bkv:1:0",
  "bk:cy:",
  "bk:b:1:2",
];
const FORGED_BY_AN_ADMIN = ["bka:cxy:1", "bka:cx:x", "bka:day:2026-13-01", "bka:cal:2026-13", "bka:svon:1:2", "bka:whd:1:8"];

for (const kind of pglite) {
  describe(`booking's buttons refuse a forged payload, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingModule.migrations);
    let harness: BotHarness;
    const rowsIn = async (table: string) => {
      const { rows } = await sql<{ count: string | number }>`select count(*) as count from ${sql.table(table)}`.execute(harness.context.database.db);
      return Number(rows[0]?.count);
    };

    before(async () => {
      harness = await botHarness({
        database: suite.database,
        modules: [bookingModule],
        languages: ["en", "ru"],
        people: [
          { id: NINA, first_name: "Нина", language_code: "ru" },
          { id: OLEG, first_name: "Oleg", roles: ["admin"] },
        ],
      });
    });

    test("a client's forged reminder, waitlist, review or booking button is answered as expired in their language and changes nothing", async () => {
      const nina = harness.user({ id: NINA, first_name: "Нина", language_code: "ru" });
      for (const data of FORGED_BY_A_CLIENT) {
        assert.deepEqual(said(await nina.press(data)), [["answerCallbackQuery", "Эта кнопка устарела."]], data);
      }
      for (const table of ["booking", "booking_waitlist", "booking_review", "booking_history"]) assert.equal(await rowsIn(table), 0, table);
      assert.deepEqual(await harness.outbox(), []);
    });

    test("an admin's forged day, cancel, catalogue or visit button is answered as expired and changes nothing", async () => {
      const oleg = harness.user({ id: OLEG, first_name: "Oleg" });
      for (const data of FORGED_BY_AN_ADMIN) {
        assert.deepEqual(said(await oleg.press(data)), [["answerCallbackQuery", "This button has expired."]], data);
      }
      for (const table of ["booking", "booking_history", "booking_service"]) assert.equal(await rowsIn(table), 0, table);
      assert.deepEqual(await harness.outbox(), []);
    });
  });
}
