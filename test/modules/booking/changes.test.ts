import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { cancelBooking } from "../../../src/modules/booking/commands/cancel-booking.ts";
import { markVisit } from "../../../src/modules/booking/commands/mark-visit.ts";
import { rescheduleBooking } from "../../../src/modules/booking/commands/reschedule-booking.ts";
import { type BookingView } from "../../../src/modules/booking/views.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { auditOf, berlin, clientActor, hours, NOW, openSalon, staffActor, tablesOf, type Salon } from "./salon.ts";
import { runIn } from "./commands-support.ts";

const IDA = 801;

for (const kind of databaseKinds) {
  describe(`cancelling, moving and marking bookings on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);
    const tables = () => tablesOf(suite.database);

    const book = async (salon: Salon, start: Date, serviceId = salon.haircut, telegramId = IDA): Promise<BookingView> => {
      const outcome = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, telegramId), bookAppointment, { masterId: salon.anna, serviceId, start, now: NOW, name: "Ida" }),
      );
      assert.ok(outcome.ok, `booking at ${start.toISOString()} failed: ${JSON.stringify(outcome)}`);
      return outcome.booking;
    };
    const occupanciesOf = (bookingId: number) =>
      tables().db.selectFrom("booking_occupancy").select(["active", "released_at"]).where("booking_id", "=", bookingId).orderBy("id").execute();
    const historyOf = (bookingId: number) =>
      tables()
        .db.selectFrom("booking_history")
        .select(["event", "from_status", "to_status", "from_starts_at", "to_starts_at", "actor_id", "source"])
        .where("booking_id", "=", bookingId)
        .orderBy("id")
        .execute();

    test("a client cancels inside the window: the booking stays, cancelled, its time is free again, and history and audit say so", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(4, "10:00"));
      const outcome = await tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), cancelBooking, { bookingId: visit.id, by: "client", now: NOW }));
      assert.ok(outcome.ok);
      assert.equal(outcome.booking.status, "cancelled");
      assert.equal(outcome.booking.cancelledBy, "client");
      assert.equal(outcome.booking.sequence, 1);
      assert.deepEqual(await occupanciesOf(visit.id), [{ active: false, released_at: NOW }]);
      assert.deepEqual(
        (await historyOf(visit.id)).map((row) => [row.event, row.from_status, row.to_status]),
        [
          ["booked", null, "confirmed"],
          ["cancelled", "confirmed", "cancelled"],
        ],
      );
      assert.deepEqual((await auditOf(tables().db, visit.id)).map((row) => row.action), ["booking.book", "booking.cancel"]);
      const again = await book(salon, berlin(4, "10:00"), salon.haircut, IDA + 1);
      assert.notEqual(again.id, visit.id);
    });

    test("a client cannot cancel inside the last 24 hours; staff can, and nothing changes on the refusal", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(3, "10:00"));
      const late = new Date(berlin(3, "10:00").getTime() - hours(23));
      const refused = await tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), cancelBooking, { bookingId: visit.id, by: "client", now: late }));
      assert.deepEqual(refused, { ok: false, reason: "cancel-window-closed" });
      assert.deepEqual(await occupanciesOf(visit.id), [{ active: true, released_at: null }]);
      assert.deepEqual((await auditOf(tables().db, visit.id)).map((row) => row.action), ["booking.book"]);

      const byStaff = await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: late }));
      assert.ok(byStaff.ok);
      assert.equal(byStaff.booking.cancelledBy, "staff");
      const last = (await historyOf(visit.id)).at(-1);
      assert.equal(last?.actor_id, 9000);
      assert.equal(last?.source, "web");
      const twice = await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: late }));
      assert.deepEqual(twice, { ok: false, reason: "already-final" });
    });

    test("a client cannot cancel or move someone else's booking", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(4, "11:30"));
      const stranger = clientActor(salon, IDA + 50);
      assert.deepEqual(await tables().transaction((trx) => runIn(trx, stranger, cancelBooking, { bookingId: visit.id, by: "client", now: NOW })), {
        ok: false,
        reason: "not-found",
      });
      assert.deepEqual(
        await tables().transaction((trx) => runIn(trx, stranger, rescheduleBooking, { bookingId: visit.id, by: "client", start: berlin(4, "14:00"), now: NOW })),
        { ok: false, reason: "not-found" },
      );
    });

    test("a client moves a visit inside the window, even by less than its length; the old time is released and the sequence rises", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(5, "10:00"));
      const outcome = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, IDA), rescheduleBooking, { bookingId: visit.id, by: "client", start: berlin(5, "10:30"), now: NOW }),
      );
      assert.ok(outcome.ok);
      assert.equal(outcome.booking.startsAt, berlin(5, "10:30").toISOString());
      assert.equal(outcome.booking.endsAt, berlin(5, "11:30").toISOString());
      assert.equal(outcome.booking.rescheduleCount, 1);
      assert.equal(outcome.booking.sequence, 1);
      assert.deepEqual(
        (await occupanciesOf(visit.id)).map((row) => row.active),
        [false, true],
      );
      const moved = (await historyOf(visit.id)).at(-1);
      assert.equal(moved?.event, "rescheduled");
      assert.deepEqual([moved?.from_starts_at, moved?.to_starts_at], [berlin(5, "10:00"), berlin(5, "10:30")]);
      assert.deepEqual((await auditOf(tables().db, visit.id)).map((row) => row.action), ["booking.book", "booking.reschedule"]);
    });

    test("a client moves a visit at most the bot's maximum number of times, and not inside the window", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(6, "09:00"));
      const move = (start: Date, now = NOW) =>
        tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), rescheduleBooking, { bookingId: visit.id, by: "client", start, now }));
      assert.equal((await move(berlin(6, "11:00"))).ok, true);
      assert.deepEqual(await move(berlin(9, "11:00"), new Date(berlin(6, "11:00").getTime() - hours(2))), { ok: false, reason: "reschedule-window-closed" });
      assert.equal((await move(berlin(6, "14:00"))).ok, true);
      assert.deepEqual(await move(berlin(6, "16:00")), { ok: false, reason: "too-many-reschedules" });
      const staffMove = await tables().transaction((trx) =>
        runIn(trx, staffActor(salon), rescheduleBooking, { bookingId: visit.id, by: "staff", start: berlin(6, "16:00"), now: NOW }),
      );
      assert.ok(staffMove.ok);
      assert.equal(staffMove.booking.rescheduleCount, 2, "staff moves do not count against the client");
      assert.equal(staffMove.booking.sequence, 3);
    });

    test("moving onto a taken time leaves the booking where it was and offers the next free times", async () => {
      const salon = await openSalon(tables().db);
      const mine = await book(salon, berlin(9, "09:00"));
      await book(salon, berlin(9, "11:00"), salon.haircut, IDA + 2);
      const outcome = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, IDA), rescheduleBooking, { bookingId: mine.id, by: "client", start: berlin(9, "11:00"), now: NOW }),
      );
      assert.equal(outcome.ok, false);
      assert.equal(outcome.reason, "taken");
      assert.ok("nextFree" in outcome);
      assert.deepEqual(
        outcome.nextFree.map((slot) => slot.time),
        ["14:00", "14:30", "15:00"],
      );
      const row = await tables().db.selectFrom("booking").select(["starts_at", "sequence"]).where("id", "=", mine.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { starts_at: berlin(9, "09:00"), sequence: 0 });
      assert.deepEqual(
        (await occupanciesOf(mine.id)).map((occupancy) => occupancy.active),
        [true],
      );
    });

    test("staff move a visit to another master, who performs it in the length it was booked with", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(10, "09:00"));
      const outcome = await tables().transaction((trx) =>
        runIn(trx, staffActor(salon), rescheduleBooking, { bookingId: visit.id, by: "staff", masterId: salon.boris, start: berlin(10, "09:00"), now: NOW }),
      );
      assert.ok(outcome.ok);
      assert.equal(outcome.booking.masterId, salon.boris);
      assert.equal(outcome.booking.durationMin, 60);
      assert.equal(outcome.booking.priceMinor, 3000);
      const moved = (await historyOf(visit.id)).at(-1);
      assert.equal(moved?.event, "rescheduled");
      const unchanged = await tables().transaction((trx) =>
        runIn(trx, staffActor(salon), rescheduleBooking, { bookingId: visit.id, by: "staff", masterId: salon.boris, start: berlin(10, "09:00"), now: NOW }),
      );
      assert.deepEqual(unchanged, { ok: false, reason: "unchanged" });
    });

    test("a class seat moves to another session and the emptied session gives its time back", async () => {
      const salon = await openSalon(tables().db);
      const seat = await book(salon, berlin(11, "09:00"), salon.yoga);
      const outcome = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, IDA), rescheduleBooking, { bookingId: seat.id, by: "client", start: berlin(11, "10:00"), now: NOW }),
      );
      assert.ok(outcome.ok);
      const sessions = await tables()
        .db.selectFrom("booking_class_session")
        .select(["starts_at", "seats_taken", "active"])
        .where("bot_id", "=", salon.botId)
        .orderBy("id")
        .execute();
      assert.deepEqual(sessions, [
        { starts_at: berlin(11, "09:00"), seats_taken: 0, active: false },
        { starts_at: berlin(11, "10:00"), seats_taken: 1, active: true },
      ]);
      const live = await tables().db.selectFrom("booking_occupancy").select("kind").where("bot_id", "=", salon.botId).where("active", "=", true).execute();
      assert.deepEqual(live, [{ kind: "class" }]);
    });

    test("staff mark a visit done or a no-show only once it began, and only once", async () => {
      const salon = await openSalon(tables().db);
      const came = await book(salon, berlin(4, "14:00"));
      const absent = await book(salon, berlin(4, "16:00"));
      const mark = (bookingId: number, outcome: "done" | "no_show", now: Date) =>
        tables().transaction((trx) => runIn(trx, staffActor(salon), markVisit, { bookingId, outcome, now }));
      assert.deepEqual(await mark(came.id, "done", berlin(4, "13:59")), { ok: false, reason: "visit-not-started" });
      const done = await mark(came.id, "done", berlin(4, "15:00"));
      assert.ok(done.ok);
      assert.equal(done.booking.status, "done");
      assert.deepEqual(await mark(came.id, "no_show", berlin(4, "15:05")), { ok: false, reason: "already-final" });
      const noShow = await mark(absent.id, "no_show", berlin(4, "16:20"));
      assert.ok(noShow.ok);
      assert.equal(noShow.booking.status, "no_show");
      assert.deepEqual(
        (await historyOf(came.id)).map((row) => [row.event, row.to_status]),
        [
          ["booked", "confirmed"],
          ["marked", "done"],
        ],
      );
      assert.deepEqual((await auditOf(tables().db, came.id)).map((row) => row.action), ["booking.book", "booking.mark"]);
    });

    test("nothing is ever deleted: every booking made stays, with one history row per change", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(12, "09:00"));
      await tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), rescheduleBooking, { bookingId: visit.id, by: "client", start: berlin(12, "11:00"), now: NOW }));
      await tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), cancelBooking, { bookingId: visit.id, by: "client", now: NOW }));
      const bookings = await tables().db.selectFrom("booking").select(["id", "status"]).where("bot_id", "=", salon.botId).execute();
      assert.deepEqual(bookings, [{ id: visit.id, status: "cancelled" }]);
      assert.deepEqual(
        (await historyOf(visit.id)).map((row) => row.event),
        ["booked", "rescheduled", "cancelled"],
      );
      assert.deepEqual(
        (await occupanciesOf(visit.id)).map((row) => row.active),
        [false, false],
      );
      assert.deepEqual((await auditOf(tables().db, visit.id)).map((row) => row.action), ["booking.book", "booking.reschedule", "booking.cancel"]);
    });
  });
}
