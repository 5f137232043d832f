import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import { adminBook } from "../../../src/modules/booking/commands/admin-book.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { auditOf, berlin, clientActor, NOW, openSalon, staffActor, tablesOf } from "./salon.ts";
import { runIn } from "./commands-support.ts";

for (const kind of databaseKinds) {
  describe(`booking an appointment on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);

    test("a client books a confirmed visit that keeps the price and duration the master offers", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const outcome = await transaction((trx) =>
        runIn(trx, clientActor(salon, 701), bookAppointment, { masterId: salon.boris, serviceId: salon.haircut, start: berlin(3, "10:00"), now: NOW, name: "Ida", phone: "+4915112345678" }),
      );
      assert.ok(outcome.ok);
      assert.equal(outcome.booking.status, "confirmed");
      assert.equal(outcome.booking.priceMinor, 3500);
      assert.equal(outcome.booking.durationMin, 45);
      assert.equal(outcome.booking.endsAt, berlin(3, "10:45").toISOString());
      const occupancy = await db
        .selectFrom("booking_occupancy")
        .select(["kind", "active"])
        .select((eb) => [eb.fn<Date>("lower", ["during"]).as("start"), eb.fn<Date>("upper", ["during"]).as("end")])
        .where("booking_id", "=", outcome.booking.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(occupancy, { kind: "appointment", active: true, start: berlin(3, "10:00"), end: berlin(3, "10:55") });
      const client = await db.selectFrom("booking_client").selectAll().where("id", "=", outcome.booking.clientId).executeTakeFirstOrThrow();
      assert.equal(client.telegram_id, 701);
      assert.equal(client.phone, "+4915112345678");
      assert.deepEqual(await auditOf(db, outcome.booking.id), [{ action: "booking.book", actor_id: 701, source: "bot" }]);
      const history = await db.selectFrom("booking_history").selectAll().where("booking_id", "=", outcome.booking.id).execute();
      assert.equal(history.length, 1);
      assert.equal(history[0]?.event, "booked");
      assert.equal(history[0]?.to_status, "confirmed");
    });

    test("a service with prepayment makes a pending booking whose slot is held for the bot's hold minutes", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const outcome = await transaction((trx) =>
        runIn(trx, clientActor(salon, 702), bookAppointment, { masterId: salon.anna, serviceId: salon.colouring, start: berlin(4, "09:00"), now: NOW, name: "Jan" }),
      );
      assert.ok(outcome.ok);
      assert.equal(outcome.booking.status, "pending");
      assert.equal(outcome.booking.prepaymentMinor, 2000);
      assert.equal(outcome.booking.holdExpiresAt, new Date(NOW.getTime() + 15 * 60_000).toISOString());
      const occupancy = await db.selectFrom("booking_occupancy").select(["kind", "expires_at"]).where("booking_id", "=", outcome.booking.id).executeTakeFirstOrThrow();
      assert.deepEqual(occupancy, { kind: "hold", expires_at: new Date(NOW.getTime() + 15 * 60_000) });
    });

    test("the engine's refusals come back as reasons and write nothing", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const book = (start: Date, masterId = salon.anna) =>
        transaction((trx) => runIn(trx, clientActor(salon, 703), bookAppointment, { masterId, serviceId: salon.haircut, start, now: NOW, name: "Kai" }));
      assert.deepEqual(await book(berlin(3, "10:15")), { ok: false, reason: "off-grid" });
      assert.deepEqual(await book(berlin(3, "12:30")), { ok: false, reason: "outside-hours" });
      assert.deepEqual(await book(berlin(2, "09:30")), { ok: false, reason: "too-soon" });
      assert.deepEqual(await book(berlin(3, "10:00"), salon.clara), { ok: false, reason: "not-offered" });
      const written = await db.selectFrom("booking_client").select("id").where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(written, []);
      const audits = await db.selectFrom("audit_log").select("id").where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(audits, []);
    });

    test("a bad phone or an empty name is refused before anything is looked up", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const input = { masterId: salon.anna, serviceId: salon.haircut, start: berlin(3, "10:00"), now: NOW };
      assert.deepEqual(await transaction((trx) => runIn(trx, clientActor(salon, 704), bookAppointment, { ...input, name: "Lea", phone: "0151 123" })), {
        ok: false,
        reason: "phone-invalid",
      });
      assert.deepEqual(await transaction((trx) => runIn(trx, clientActor(salon, 704), bookAppointment, { ...input, name: "  " })), { ok: false, reason: "name-missing" });
    });

    test("a client holds at most the bot's limit of upcoming bookings", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const book = (day: number) =>
        transaction((trx) => runIn(trx, clientActor(salon, 705), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(day, "10:00"), now: NOW, name: "Mo" }));
      for (const day of [3, 4, 5]) assert.equal((await book(day)).ok, true);
      assert.deepEqual(await book(6), { ok: false, reason: "client-limit" });
    });

    test("staff book a walk-in by phone past the notice but never over another booking", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const walkIn = { phone: "+4917000000001", name: "Nora" };
      const soon = await transaction((trx) =>
        runIn(trx, staffActor(salon), adminBook, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(2, "09:20"), now: NOW, client: walkIn }),
      );
      assert.ok(soon.ok);
      assert.equal(soon.booking.status, "confirmed");
      const client = await db.selectFrom("booking_client").selectAll().where("id", "=", soon.booking.clientId).executeTakeFirstOrThrow();
      assert.equal(client.telegram_id, null);
      assert.equal(client.phone, walkIn.phone);
      assert.deepEqual(await auditOf(db, soon.booking.id), [{ action: "booking.admin-book", actor_id: 9000, source: "web" }]);

      const over = await transaction((trx) =>
        runIn(trx, staffActor(salon), adminBook, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(2, "10:00"), now: NOW, client: { clientId: client.id } }),
      );
      assert.equal(over.ok, false);
      assert.equal(over.reason, "taken");
      const unknown = await transaction((trx) =>
        runIn(trx, staffActor(salon), adminBook, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(2, "11:00"), now: NOW, client: { clientId: 999_999 } }),
      );
      assert.deepEqual(unknown, { ok: false, reason: "client-unknown" });
    });

    test("a walk-in's national number is read in the country of the master's location and kept in E.164", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const book = (phone: string, day: number) =>
        transaction((trx) => runIn(trx, staffActor(salon), adminBook, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(day, "10:00"), now: NOW, client: { phone, name: "Pia" } }));
      const berliner = await book("0151 23456789", 3);
      assert.ok(berliner.ok);
      const client = await db.selectFrom("booking_client").select("phone").where("id", "=", berliner.booking.clientId).executeTakeFirstOrThrow();
      assert.equal(client.phone, "+4915123456789");
      assert.deepEqual(await book("0151 123", 4), { ok: false, reason: "phone-invalid" });
      assert.equal((await book("+7 912 345-67-89", 4)).ok, true);
    });

    test("a phone-only client is linked to the Telegram account that shares the same phone", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const walkIn = await transaction((trx) =>
        runIn(trx, staffActor(salon), adminBook, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(3, "09:00"), now: NOW, client: { phone: "+4917000000002", name: "Olga" } }),
      );
      assert.ok(walkIn.ok);
      const own = await transaction((trx) =>
        runIn(trx, clientActor(salon, 706), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "09:00"), now: NOW, name: "Olga K.", phone: "+4917000000002" }),
      );
      assert.ok(own.ok);
      assert.equal(own.booking.clientId, walkIn.booking.clientId);
      const client = await db.selectFrom("booking_client").selectAll().where("id", "=", own.booking.clientId).executeTakeFirstOrThrow();
      assert.equal(client.telegram_id, 706);
    });

    test("a Telegram client who books without a phone first is merged with a walk-in once they share it", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const first = await transaction((trx) =>
        runIn(trx, clientActor(salon, 707), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(3, "09:00"), now: NOW, name: "Pia" }),
      );
      const walkIn = await transaction((trx) =>
        runIn(trx, staffActor(salon), adminBook, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "09:00"), now: NOW, client: { phone: "+4917000000003", name: "Pia" } }),
      );
      assert.ok(first.ok && walkIn.ok);
      assert.notEqual(first.booking.clientId, walkIn.booking.clientId);
      const second = await transaction((trx) =>
        runIn(trx, clientActor(salon, 707), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(5, "09:00"), now: NOW, name: "Pia", phone: "+4917000000003" }),
      );
      assert.ok(second.ok);
      assert.equal(second.booking.clientId, first.booking.clientId);
      const bookings = await db.selectFrom("booking").select(["id", "client_id"]).where("bot_id", "=", salon.botId).orderBy("id").execute();
      assert.deepEqual(new Set(bookings.map((row) => row.client_id)), new Set([first.booking.clientId]));
      const merged = await db.selectFrom("booking_client").selectAll().where("id", "=", walkIn.booking.clientId).executeTakeFirstOrThrow();
      assert.equal(merged.merged_into, first.booking.clientId);
      assert.equal(merged.phone, null);
    });
  });
}
