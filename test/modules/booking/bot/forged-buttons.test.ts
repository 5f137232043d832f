import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { sql, type Kysely } from "kysely";
import { bookAppointment } from "../../../../src/modules/booking/commands/book-appointment.ts";
import { seedDemoSalon } from "../../../../src/modules/booking/demo-salon.ts";
import { bookingModule } from "../../../../src/modules/booking/module.ts";
import type { Tables } from "../../../../src/modules/booking/tables.ts";
import { botHarness, type ApiCall, type BotHarness } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

// Only PGlite: the commands behind these buttons run on both databases in their own tests.
const pglite = databaseKinds.filter((kind) => kind.name === "pglite");

const NINA = 880_001;
const OLEG = 880_002;
const MALLORY = 880_003;

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
          { id: MALLORY, first_name: "Mallory" },
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

    test("someone without booking.manage pressing the admin's real buttons, or sending /salon, is refused and nothing changes", async () => {
      const db = suite.database.db as unknown as Kysely<Tables>;
      await seedDemoSalon(suite.database, harness.botId);
      const anna = await db.selectFrom("booking_master").select("id").where("display_name", "=", "Anna").executeTakeFirstOrThrow();
      const haircut = await db.selectFrom("booking_service").select("id").where("name", "=", "Haircut").executeTakeFirstOrThrow();
      const booked = await harness.runtime.run({ botId: harness.botId, personId: NINA, source: "bot" }, bookAppointment, {
        masterId: anna.id,
        serviceId: haircut.id,
        start: new Date("2026-12-03T11:00:00Z"),
        name: "Нина",
        phone: "+4915112345678",
      });
      assert.ok(booked.ok);
      const before = await db.selectFrom("booking").select(["id", "sequence", "status", "starts_at", "master_id"]).where("id", "=", booked.booking.id).executeTakeFirstOrThrow();
      const outboxBefore = (await harness.outbox()).length;
      const mallory = harness.user({ id: MALLORY, first_name: "Mallory" });

      // A modified Telegram client can send any callback data: these are the admin's buttons as the bot makes them.
      for (const data of [`bka:cxy:${before.id}:${before.sequence}`, `bka:mv:${before.id}`, "bka:new", "bka:day"]) {
        assert.deepEqual(said(await mallory.press(data)), [["answerCallbackQuery", "You do not have permission for this."]], data);
      }
      assert.deepEqual(said(await mallory.send("/salon")), [["sendMessage", "You do not have permission for this."]]);

      const after = await db.selectFrom("booking").select(["id", "sequence", "status", "starts_at", "master_id"]).where("id", "=", before.id).executeTakeFirstOrThrow();
      assert.deepEqual(after, before, "the booking is as it was");
      const flow = await harness.context.database.db.selectFrom("flow").select("name").where("user_id", "=", MALLORY).where("name", "is not", null).executeTakeFirst();
      assert.equal(flow, undefined, "no admin flow started");
      assert.equal((await harness.outbox()).length, outboxBefore, "nobody was told anything");
    });
  });
}
