import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { type BookingOutcome } from "../../../src/modules/booking/queries/outcome.ts";
import { openDatabase, type Database } from "../../../src/platform/db/database.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { berlin, clientActor, NOW, openSalon, tablesOf, type Salon } from "./salon.ts";
import { runIn } from "./commands-support.ts";

const CLIENTS = 50;

/** Resolves every caller once `parties` have arrived: all of them wait for the last. */
function barrier(parties: number): { arrive: () => Promise<void>; arrived: () => number } {
  let count = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    arrive: () => {
      count += 1;
      if (count === parties) open();
      return opened;
    },
    arrived: () => count,
  };
}

const sqlStateOf = (error: unknown) => (error as { code?: string }).code;

for (const kind of databaseKinds) {
  describe(`booking under concurrency on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);
    // On PostgreSQL every racing client needs a connection of its own, all open at once.
    let racing: Database;
    before(async () => {
      racing = kind.name === "postgres" ? await openDatabase({ ...(suite.fresh.settings as { kind: "postgres"; url: string }), poolSize: CLIENTS + 5 }) : suite.database;
    });
    after(async () => {
      if (racing !== suite.database) await racing.close();
    });

    const bookHaircut = (salon: Salon, telegramId: number, start: Date, onDecided?: () => Promise<void>) =>
      tablesOf(racing).transaction((trx) =>
        runIn(trx, clientActor(salon, telegramId), bookAppointment, {
          masterId: salon.anna,
          serviceId: salon.haircut,
          start,
          now: NOW,
          name: `Client ${telegramId}`,
          ...(onDecided === undefined ? {} : { onDecided }),
        }),
      );

    test(`${CLIENTS} clients confirming the same slot at once get one booking and ${CLIENTS - 1} refusals offering the next free times`, async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const start = berlin(3, "10:00");
      // PGlite runs one transaction at a time, so there the race is decided by the fresh read of
      // occupancies; on PostgreSQL all of them pass the rule check before any writes.
      const gate = barrier(CLIENTS);
      const onDecided = kind.name === "postgres" ? gate.arrive : undefined;
      const outcomes: BookingOutcome[] = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => bookHaircut(salon, 1000 + i, start, onDecided)));

      if (kind.name === "postgres") assert.equal(gate.arrived(), CLIENTS);
      const booked = outcomes.filter((outcome) => outcome.ok);
      const refused = outcomes.filter((outcome) => !outcome.ok);
      assert.equal(booked.length, 1);
      assert.equal(refused.length, CLIENTS - 1);
      for (const refusal of refused) {
        assert.equal(refusal.reason, "taken");
        assert.ok("nextFree" in refusal);
        // 10:00-11:10 (with the buffer) is taken, so 11:30 is next; 12:00 would end past 13:00, the lunch break.
        assert.deepEqual(
          refusal.nextFree.map((slot) => `${slot.date} ${slot.time}`),
          ["2026-03-03 11:30", "2026-03-03 14:00", "2026-03-03 14:30"],
        );
      }
      const rows = await db.selectFrom("booking").select("status").where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(rows, [{ status: "confirmed" }]);
      const audits = await db.selectFrom("audit_log").select("action").where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(audits, [{ action: "booking.book" }]);
      const clients = await db.selectFrom("booking_client").select("id").where("bot_id", "=", salon.botId).execute();
      assert.equal(clients.length, 1, "a refused client leaves no record behind");
    });

    test("a time taken by another writer after the rule check is refused with the next free times, not an error", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const start = berlin(4, "09:00");
      const outcome = await tablesOf(suite.database).transaction((trx) =>
        runIn(trx, clientActor(salon, 2001), bookAppointment, {
          masterId: salon.anna,
          serviceId: salon.haircut,
          start,
          now: NOW,
          name: "Quentin",
          // Code that bypasses the engine takes 09:30-10:30 between the check and the write.
          onDecided: async () => {
            await sql`insert into booking_occupancy (bot_id, master_id, during, kind) values (${salon.botId}, ${salon.anna}, tstzrange(${berlin(4, "09:30")}, ${berlin(4, "10:30")}), 'offer')`.execute(trx);
          },
        }),
      );
      assert.equal(outcome.ok, false);
      assert.equal(outcome.reason, "taken");
      assert.ok("nextFree" in outcome);
      assert.deepEqual(
        outcome.nextFree.map((slot) => slot.time),
        ["10:30", "11:00", "11:30"],
      );
      const bookings = await db.selectFrom("booking").select("id").where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(bookings, []);
    });

    test("a direct overlapping insert into the occupancy table that bypasses the engine fails with SQLSTATE 23P01", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const occupy = (masterId: number, from: string, to: string, active = true) =>
        sql`insert into booking_occupancy (bot_id, master_id, during, kind, active, released_at) values (${salon.botId}, ${masterId}, tstzrange(${berlin(5, from)}, ${berlin(5, to)}), 'offer', ${active}, ${active ? null : NOW})`.execute(db);
      await occupy(salon.anna, "10:00", "11:00");
      await assert.rejects(occupy(salon.anna, "10:30", "11:30"), (error) => sqlStateOf(error) === "23P01");
      await assert.rejects(occupy(salon.anna, "09:00", "12:00"), (error) => sqlStateOf(error) === "23P01");
      // Back to back is not an overlap; another master's time and released rows are not in the way.
      await occupy(salon.anna, "11:00", "12:00");
      await occupy(salon.boris, "10:30", "11:30");
      await occupy(salon.anna, "10:30", "11:30", false);
    });

    test("a class of capacity 5 booked by 8 clients at once takes exactly 5", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const start = berlin(3, "17:00");
      // On PostgreSQL all 8 find no session and decide to open it before any writes: one opens it,
      // the other 7 run their steps again and join under the session's row lock while seats last.
      const gate = barrier(8);
      const onDecided = kind.name === "postgres" ? gate.arrive : undefined;
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          tablesOf(racing).transaction((trx) =>
            runIn(trx, clientActor(salon, 3000 + i), bookAppointment, {
              masterId: salon.anna,
              serviceId: salon.yoga,
              start,
              now: NOW,
              name: `Yogi ${i}`,
              ...(onDecided === undefined ? {} : { onDecided }),
            }),
          ),
        ),
      );
      if (kind.name === "postgres") assert.equal(gate.arrived(), 8 + 4, "every first decision, then the four who joined on their second try");
      assert.equal(outcomes.filter((outcome) => outcome.ok).length, 5);
      assert.deepEqual(
        outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.reason),
        ["full", "full", "full"],
      );
      const sessions = await db.selectFrom("booking_class_session").select(["seats_taken", "capacity"]).where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(sessions, [{ seats_taken: 5, capacity: 5 }]);
      const bookings = await db.selectFrom("booking").select("class_session_id").where("bot_id", "=", salon.botId).execute();
      assert.equal(bookings.length, 5);
      assert.equal(new Set(bookings.map((row) => row.class_session_id)).size, 1);
      const occupancies = await db.selectFrom("booking_occupancy").select("kind").where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(occupancies, [{ kind: "class" }]);
    });
  });
}
