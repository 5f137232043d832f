import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { reminderKey } from "../../../src/modules/booking/domain/reminders.ts";
import { confirmComing } from "../../../src/modules/booking/commands/confirm-coming.ts";
import { reminderTimes } from "../../../src/modules/booking/domain/reminders.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { cancelBooking } from "../../../src/modules/booking/commands/cancel-booking.ts";
import { rescheduleBooking } from "../../../src/modules/booking/commands/reschedule-booking.ts";
import { type BookingView } from "../../../src/modules/booking/views.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { auditOf, berlin, clientActor, hours, NOW, openSalon, staffActor, tablesOf, type Salon } from "./salon.ts";
import { timedMigrations, timedWorld } from "./timed-support.ts";
import { runIn } from "./commands-support.ts";

const IDA = 811;

describe("reminder times", () => {
  test("are the offsets before the visit in real time, the soonest last, leaving out the ones already past", () => {
    const visit = new Date("2026-03-04T09:00:00Z");
    assert.deepEqual(reminderTimes(visit, [120, 1440, 120], new Date("2026-03-02T08:00:00Z")), [
      { offsetMin: 1440, dueAt: new Date("2026-03-03T09:00:00Z") },
      { offsetMin: 120, dueAt: new Date("2026-03-04T07:00:00Z") },
    ]);
    assert.deepEqual(reminderTimes(visit, [1440, 120], new Date("2026-03-03T10:00:00Z")), [{ offsetMin: 120, dueAt: new Date("2026-03-04T07:00:00Z") }]);
    assert.deepEqual(reminderTimes(visit, [1440, 120], new Date("2026-03-04T07:00:00Z")), []);
  });

  test("count real hours across a daylight-saving change", () => {
    // Berlin moves its clocks forward on 29 March 2026 at 02:00: 24 hours before 10:00 on the 29th is 09:00 on the 28th.
    const visit = new Date("2026-03-29T08:00:00Z");
    assert.deepEqual(reminderTimes(visit, [1440], new Date("2026-03-20T00:00:00Z")), [{ offsetMin: 1440, dueAt: new Date("2026-03-28T08:00:00Z") }]);
  });
});

for (const kind of databaseKinds) {
  describe(`reminders on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, timedMigrations);
    const tables = () => tablesOf(suite.database);
    const world = () => timedWorld(() => suite.database, NOW);

    const book = async (salon: Salon, start: Date, telegramId = IDA): Promise<BookingView> => {
      const outcome = await tables().transaction((trx) =>
        runIn(trx, clientActor(salon, telegramId), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start, now: NOW, name: "Ida" }),
      );
      assert.ok(outcome.ok, JSON.stringify(outcome));
      return outcome.booking;
    };
    const reminderEvents = (bookingId: number) =>
      tables()
        .db.selectFrom("scheduled_event")
        .select(["dedupe_key", "due_at", "done_at"])
        .where("dedupe_key", "like", `booking:${bookingId}:reminder:%`)
        .orderBy("due_at")
        .execute();
    const sent = (salon: Salon, chatId = IDA) =>
      tables().db.selectFrom("outbox").select(["dedupe_key", "payload"]).where("bot_id", "=", salon.botId).where("chat_id", "=", chatId).orderBy("id").execute();

    test("a confirmed booking gets a reminder 24 h and 2 h before, each sent once, with I'll come and Cancel buttons in the local time", async () => {
      const salon = await openSalon(tables().db);
      const jobs = world();
      const visit = await book(salon, berlin(4, "10:00"));
      assert.deepEqual(
        (await reminderEvents(visit.id)).map((event) => [event.dedupe_key, event.due_at]),
        [
          [reminderKey(visit.id, 1440, 0), new Date(berlin(4, "10:00").getTime() - hours(24))],
          [reminderKey(visit.id, 120, 0), new Date(berlin(4, "10:00").getTime() - hours(2))],
        ],
      );
      await jobs.tickAt(new Date(berlin(4, "10:00").getTime() - hours(25)));
      assert.deepEqual(await sent(salon), []);

      await jobs.tickAt(new Date(berlin(4, "10:00").getTime() - hours(24)));
      await jobs.tickAt(new Date(berlin(4, "10:00").getTime() - hours(23)));
      const first = await sent(salon);
      assert.equal(first.length, 1);
      const payload = first[0]?.payload as { text: string; reply_markup: { inline_keyboard: { callback_data: string }[][] } };
      assert.match(payload.text, /Haircut with Anna in 24 hours, .*10:00 \(Mitte\)/);
      assert.deepEqual(payload.reply_markup.inline_keyboard[0]?.map((button) => button.callback_data), [`bkr:come:${visit.id}`, `bkr:cancel:${visit.id}`]);

      await jobs.tickAt(new Date(berlin(4, "10:00").getTime() - hours(2)));
      await jobs.tickAt(new Date(berlin(4, "10:00").getTime() - hours(1)));
      assert.deepEqual(
        (await sent(salon)).map((row) => row.dedupe_key),
        [reminderKey(visit.id, 1440, 0), reminderKey(visit.id, 120, 0)],
      );
      assert.deepEqual(
        (await auditOf(tables().db, visit.id)).map((row) => row.action),
        ["booking.book", "booking.reminder.send", "booking.reminder.send"],
      );
    });

    test("an offset of part of an hour is said in minutes", async () => {
      const salon = await openSalon(tables().db);
      await tables().db.insertInto("booking_rules").values({ bot_id: salon.botId, min_notice_min: 60, horizon_days: 60, cancel_window_min: 1440, reschedule_window_min: 1440, max_reschedules: 2, max_active_per_client: 3, reminder_offsets_min: [90], hold_min: 15 }).execute();
      const jobs = world();
      await book(salon, berlin(4, "10:00"));
      await jobs.tickAt(berlin(4, "08:30"));
      const [reminder] = await sent(salon);
      assert.match((reminder?.payload as { text: string }).text, /Haircut with Anna in 90 min, /);
    });

    test("a reminder whose time has already passed when booking is not scheduled", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(2, "14:00"));
      assert.deepEqual(
        (await reminderEvents(visit.id)).map((event) => event.dedupe_key),
        [reminderKey(visit.id, 120, 0)],
      );
    });

    test("a cancelled booking's reminders are removed and none is ever sent", async () => {
      const salon = await openSalon(tables().db);
      const jobs = world();
      const visit = await book(salon, berlin(4, "10:00"));
      await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: NOW }));
      assert.deepEqual(await reminderEvents(visit.id), []);
      await jobs.tickAt(berlin(4, "09:00"));
      // The client hears of the cancel (the staff command tells them), and never of a reminder.
      assert.deepEqual((await sent(salon)).map((row) => row.dedupe_key), [`booking:${visit.id}:seq:1:client-staff-change`]);
    });

    test("a moved booking's reminders move with it under its new sequence; the old ones are gone", async () => {
      const salon = await openSalon(tables().db);
      const jobs = world();
      const visit = await book(salon, berlin(4, "10:00"));
      await jobs.tickAt(new Date(berlin(4, "10:00").getTime() - hours(24)));
      const moved = await tables().transaction((trx) =>
        runIn(trx, staffActor(salon), rescheduleBooking, { bookingId: visit.id, by: "staff", start: berlin(5, "15:00"), now: jobs.clock.now() }),
      );
      assert.ok(moved.ok);
      assert.deepEqual(
        (await reminderEvents(visit.id)).filter((event) => event.done_at === null).map((event) => [event.dedupe_key, event.due_at]),
        [
          [reminderKey(visit.id, 1440, 1), new Date(berlin(5, "15:00").getTime() - hours(24))],
          [reminderKey(visit.id, 120, 1), new Date(berlin(5, "15:00").getTime() - hours(2))],
        ],
      );
      await jobs.tickAt(new Date(berlin(4, "10:00").getTime() - hours(2)));
      // Besides the first reminder, the client was told of the move (the staff command tells them).
      assert.equal((await sent(salon)).length, 2, "the old 2-hour reminder is not sent");
      await jobs.tickAt(new Date(berlin(5, "15:00").getTime() - hours(1)));
      assert.deepEqual(
        (await sent(salon)).map((row) => row.dedupe_key),
        [reminderKey(visit.id, 1440, 0), `booking:${visit.id}:seq:1:client-staff-change`, reminderKey(visit.id, 1440, 1), reminderKey(visit.id, 120, 1)],
      );
    });

    test("I'll come is noted once in the booking's history; another client cannot note it", async () => {
      const salon = await openSalon(tables().db);
      const visit = await book(salon, berlin(4, "10:00"));
      const stranger = await tables().transaction((trx) => runIn(trx, clientActor(salon, IDA + 1), confirmComing, { bookingId: visit.id, now: NOW }));
      assert.deepEqual(stranger, { ok: false, reason: "not-found" });
      const first = await tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), confirmComing, { bookingId: visit.id, now: NOW }));
      const second = await tables().transaction((trx) => runIn(trx, clientActor(salon, IDA), confirmComing, { bookingId: visit.id, now: NOW }));
      assert.deepEqual([first, second], [{ ok: true, already: false }, { ok: true, already: true }]);
      const history = await tables().db.selectFrom("booking_history").select("event").where("booking_id", "=", visit.id).orderBy("id").execute();
      assert.deepEqual(history.map((row) => row.event), ["booked", "coming"]);
      assert.deepEqual((await auditOf(tables().db, visit.id)).map((row) => row.action), ["booking.book", "booking.coming"]);
    });
  });
}
