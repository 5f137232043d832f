import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { addDaysOff } from "../../../src/modules/booking/commands/add-days-off.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { berlin, clientActor, NOW, openSalon, staffActor, tablesOf } from "./salon.ts";
import { bookingCommands, runIn } from "./commands-support.ts";

for (const kind of databaseKinds) {
  describe(`a day off racing a booking of that day, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);
    const tables = () => tablesOf(suite.database);
    const commands = bookingCommands(() => suite.database, { clock: { now: () => NOW }, languages: ["en"] });

    test("a booking decided while the day off is being written waits for it and is refused, so no booking lands in the day off", async () => {
      const salon = await openSalon(tables().db);
      let commitDayOff!: () => void;
      const dayOffMayCommit = new Promise<void>((resolve) => (commitDayOff = resolve));
      let dayOffWritten!: () => void;
      const dayOffIsWritten = new Promise<void>((resolve) => (dayOffWritten = resolve));

      // The day off's transaction stays open, its row written and Anna locked, until told to commit.
      const dayOff = tables().transaction(async (trx) => {
        const outcome = await commands.runIn(trx, staffActor(salon), addDaysOff, { masterId: salon.anna, from: "2026-03-09", to: "2026-03-09", reason: "Ill" });
        dayOffWritten();
        await dayOffMayCommit;
        return outcome;
      });
      await dayOffIsWritten;
      let bookingFinished = false;
      const booking = tables()
        .transaction((trx) => runIn(trx, clientActor(salon, 901), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(9, "10:00"), now: NOW, name: "Client 901" }))
        .finally(() => (bookingFinished = true));

      if (kind.name === "postgres") {
        // Both run at once on PostgreSQL: the booking must be waiting for Anna's row, not deciding on her old hours.
        for (;;) {
          const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(suite.database.db);
          if ((waiting.rows[0]?.n ?? 0) > 0) break;
          assert.equal(bookingFinished, false, "the booking finished while the day off was still open: it was decided on Anna's old hours");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      commitDayOff();
      assert.ok((await dayOff).ok);
      const outcome = await booking;
      assert.ok(!outcome.ok, "the booking landed in the day off");
      assert.deepEqual(await tables().db.selectFrom("booking").select("id").where("master_id", "=", salon.anna).execute(), []);
    });
  });
}
