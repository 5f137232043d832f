import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitlistMatches } from "../../../src/modules/booking/domain/waitlist.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { cancelBooking } from "../../../src/modules/booking/commands/cancel-booking.ts";
import { type BookingView } from "../../../src/modules/booking/views.ts";
import { waitlistOfClient } from "../../../src/modules/booking/queries/client-waitlist.ts";
import { joinWaitlist, MAX_LIVE_WAITLIST_ENTRIES, type JoinInput } from "../../../src/modules/booking/commands/join-waitlist.ts";
import { acceptOffer } from "../../../src/modules/booking/commands/accept-offer.ts";
import { leaveWaitlist } from "../../../src/modules/booking/commands/leave-waitlist.ts";
import { passOnOffer } from "../../../src/modules/booking/commands/pass-on-offer.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { berlin, clientActor, NOW, openSalon, staffActor, tablesOf, type Salon } from "./salon.ts";
import { timedMigrations, timedWorld } from "./timed-support.ts";
import { runIn } from "./commands-support.ts";

const IDA = 831;
const JAN = 832;
const KIM = 833;
const LEA = 834;
const MINUTE = 60_000;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

describe("a freed slot meets a waitlist wish", () => {
  const slot = { date: "2026-03-04", minutes: 600, masterId: 1 };
  test("on the same day, at the wished time or any, with the wished master or any", () => {
    assert.equal(waitlistMatches({ date: "2026-03-04", timeMin: null, masterId: null }, slot), true);
    assert.equal(waitlistMatches({ date: "2026-03-04", timeMin: 600, masterId: 1 }, slot), true);
    assert.equal(waitlistMatches({ date: "2026-03-05", timeMin: null, masterId: null }, slot), false);
    assert.equal(waitlistMatches({ date: "2026-03-04", timeMin: 630, masterId: null }, slot), false);
    assert.equal(waitlistMatches({ date: "2026-03-04", timeMin: null, masterId: 2 }, slot), false);
  });
});

for (const kind of databaseKinds) {
  describe(`the waitlist on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, timedMigrations);
    const tables = () => tablesOf(suite.database);

    const book = (salon: Salon, telegramId: number, now = NOW, start = berlin(4, "10:00")) =>
      tables().transaction((trx) => runIn(trx, clientActor(salon, telegramId), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start, now, name: "Client" }));
    const booked = async (salon: Salon, telegramId: number): Promise<BookingView> => {
      const outcome = await book(salon, telegramId);
      assert.ok(outcome.ok, JSON.stringify(outcome));
      return outcome.booking;
    };
    const join = (salon: Salon, telegramId: number, wish: Partial<JoinInput> = {}) =>
      tables().transaction((trx) =>
        runIn(trx, clientActor(salon, telegramId), joinWaitlist, { serviceId: salon.haircut, masterId: null, date: "2026-03-04", timeMin: null, name: "Waiting", now: NOW, ...wish }),
      );
    const entryOf = async (salon: Salon, telegramId: number, wish: Partial<JoinInput> = {}) => {
      const joined = await join(salon, telegramId, wish);
      assert.ok(joined.ok);
      return joined.entryId;
    };
    /** One master's hours on Wednesday 4 March instead of the week's; `[]` is a day off. */
    const hoursOnWednesday = (masterId: number, intervals: { start: number; end: number }[]) =>
      tables().db.insertInto("booking_date_override").values({ master_id: masterId, date: "2026-03-04", intervals: JSON.stringify(intervals) }).execute();
    /** Wednesday fits one haircut, Anna's at 10:00 with its buffer, and Boris is off: once it is booked, the day is full. */
    const oneHaircutWednesday = async (salon: Salon) => {
      await hoursOnWednesday(salon.anna, [{ start: 600, end: 670 }]);
      await hoursOnWednesday(salon.boris, []);
    };
    const statuses = (ids: number[]) =>
      tables().db.selectFrom("booking_waitlist").select(["id", "status"]).where("id", "in", ids).orderBy("id").execute().then((rows) => rows.map((row) => row.status));
    const offersTo = (salon: Salon, chatId: number) =>
      tables().db.selectFrom("outbox").select(["dedupe_key", "payload"]).where("bot_id", "=", salon.botId).where("chat_id", "=", chatId).orderBy("id").execute();

    test("joining twice keeps one place; a past day or a service nobody offers is refused", async () => {
      const salon = await openSalon(tables().db);
      await booked(salon, IDA);
      await oneHaircutWednesday(salon);
      const first = await join(salon, JAN);
      const again = await join(salon, JAN);
      assert.ok(first.ok && again.ok);
      assert.deepEqual([again.entryId, again.already], [first.entryId, true]);
      assert.deepEqual(await join(salon, JAN, { date: "2026-03-01" }), { ok: false, reason: "in-the-past" });
      assert.deepEqual(await join(salon, JAN, { serviceId: salon.yoga }), { ok: false, reason: "not-offered" });
      assert.deepEqual(await join(salon, JAN, { date: "2026-13-40" }), { ok: false, reason: "date-invalid" });
    });

    test("a wish for a day or a time that is not full is refused and stores nothing: the button's data can be forged", async () => {
      const salon = await openSalon(tables().db);
      await booked(salon, IDA);
      const refused = { ok: false, reason: "not-full" };
      assert.deepEqual(await join(salon, JAN), refused, "Wednesday has other free times");
      assert.deepEqual(await join(salon, JAN, { masterId: salon.anna }), refused, "so has Anna");
      assert.deepEqual(await join(salon, JAN, { timeMin: 600 }), refused, "Boris is free at 10:00");
      assert.deepEqual(await join(salon, JAN, { masterId: salon.boris, timeMin: 600 }), refused);
      assert.deepEqual(await join(salon, JAN, { date: "2026-03-08" }), refused, "nobody works on Sunday: closed is not full");
      assert.deepEqual(await join(salon, JAN, { masterId: salon.anna, timeMin: 605 }), refused, "no visit starts at 10:05");
      const stored = async () => ({
        entries: (await tables().db.selectFrom("booking_waitlist").select("id").where("bot_id", "=", salon.botId).execute()).length,
        clients: (await tables().db.selectFrom("booking_client").select("id").where("bot_id", "=", salon.botId).where("telegram_id", "=", JAN).execute()).length,
        audit: (await tables().db.selectFrom("audit_log").select("id").where("bot_id", "=", salon.botId).where("action", "=", "booking.waitlist.join").execute()).length,
      });
      assert.deepEqual(await stored(), { entries: 0, clients: 0, audit: 0 });
      assert.ok((await join(salon, JAN, { masterId: salon.anna, timeMin: 600 })).ok, "Anna's 10:00 is Ida's: that time is full");
      assert.deepEqual(await stored(), { entries: 1, clients: 1, audit: 1 });
    });

    test(`a client holds at most ${MAX_LIVE_WAITLIST_ENTRIES} live entries: one more is refused and stores nothing; leaving one makes room`, async () => {
      const salon = await openSalon(tables().db);
      await booked(salon, IDA);
      await oneHaircutWednesday(salon);
      const wishes: Partial<JoinInput>[] = [{}, { masterId: salon.anna }, { timeMin: 600 }, { masterId: salon.anna, timeMin: 600 }];
      assert.equal(wishes.length, MAX_LIVE_WAITLIST_ENTRIES + 1);
      const entries: number[] = [];
      for (const wish of wishes.slice(0, MAX_LIVE_WAITLIST_ENTRIES)) entries.push(await entryOf(salon, JAN, wish));
      const entriesOfJan = async () => (await waitlistOfClient(tables().db, salon.botId, JAN, NOW)).map((entry) => entry.id);
      assert.deepEqual(await join(salon, JAN, wishes.at(-1)), { ok: false, reason: "too-many" });
      assert.deepEqual(await entriesOfJan(), entries, "nothing stored");
      const again = await join(salon, JAN, wishes[0]);
      assert.ok(again.ok && again.already, "asking again for a wish already held is no new entry");
      assert.ok((await join(salon, KIM, wishes.at(-1))).ok, "the cap is per client");

      const jobs = timedWorld(() => suite.database, NOW);
      assert.ok((await tables().transaction((trx) => runIn(trx, clientActor(salon, JAN), leaveWaitlist, { entryId: entries[0]!, messenger: jobs.messenger }))).ok);
      assert.ok((await join(salon, JAN, wishes.at(-1))).ok, "room again after leaving one");
    });

    test("a freed slot is offered to the first in line and held for them: nobody else can book it", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await booked(salon, IDA);
      await oneHaircutWednesday(salon);
      const jan = await entryOf(salon, JAN);
      const kim = await entryOf(salon, KIM);
      await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: NOW }));
      await jobs.tickAt(NOW);
      assert.deepEqual(await statuses([jan, kim]), ["offered", "waiting"]);
      const offer = await offersTo(salon, JAN);
      assert.equal(offer.length, 1);
      const payload = offer[0]?.payload as { text: string; reply_markup: { inline_keyboard: { callback_data: string }[][] } };
      assert.match(payload.text, /Haircut with Anna, .*10:00\. It is held for you for 15 min/);
      assert.deepEqual(payload.reply_markup.inline_keyboard[0]?.map((button) => button.callback_data), [`bkw:take:${jan}`, `bkw:skip:${jan}`]);
      const stranger = await book(salon, LEA, later(1));
      assert.ok(!stranger.ok);
      assert.equal(stranger.reason, "taken");
      assert.deepEqual(await offersTo(salon, KIM), []);
    });

    test("taking the offer turns its hold into the client's booking in one step", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await booked(salon, IDA);
      await oneHaircutWednesday(salon);
      const jan = await entryOf(salon, JAN);
      await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: NOW }));
      await jobs.tickAt(NOW);
      const stranger = await tables().transaction((trx) => runIn(trx, clientActor(salon, KIM), acceptOffer, { entryId: jan, now: later(2) }));
      assert.deepEqual(stranger, { ok: false, reason: "offer-gone" });
      const taken = await tables().transaction((trx) => runIn(trx, clientActor(salon, JAN), acceptOffer, { entryId: jan, now: later(2) }));
      assert.ok(taken.ok, JSON.stringify(taken));
      assert.deepEqual([taken.booking.status, taken.booking.startsAt], ["confirmed", berlin(4, "10:00").toISOString()]);
      assert.deepEqual(await statuses([jan]), ["booked"]);
      const live = await tables().db.selectFrom("booking_occupancy").select("kind").where("master_id", "=", salon.anna).where("active", "=", true).execute();
      assert.deepEqual(live, [{ kind: "appointment" }]);
      const audit = await tables().db.selectFrom("audit_log").select("action").where("object_id", "=", String(taken.booking.id)).where("object_type", "=", "booking").execute();
      assert.deepEqual(audit, [{ action: "booking.waitlist.accept" }]);
    });

    test("offers go in order: declined, it goes to the next; unanswered, it runs out and goes to the one after", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await booked(salon, IDA);
      await oneHaircutWednesday(salon);
      const jan = await entryOf(salon, JAN);
      const kim = await entryOf(salon, KIM, { timeMin: 600 });
      const lea = await entryOf(salon, LEA, { masterId: salon.anna });
      await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: NOW }));
      await jobs.tickAt(NOW);
      assert.deepEqual(await statuses([jan, kim, lea]), ["offered", "waiting", "waiting"]);

      jobs.clock.at = later(3);
      const passed = await tables().transaction((trx) => runIn(trx, clientActor(salon, JAN), passOnOffer, { entryId: jan, messenger: jobs.messenger, why: "declined" }));
      assert.deepEqual(passed, { ok: true, nextEntry: kim });
      assert.deepEqual(await statuses([jan, kim, lea]), ["declined", "offered", "waiting"]);

      await jobs.tickAt(later(17));
      assert.deepEqual(await statuses([jan, kim, lea]), ["declined", "offered", "waiting"], "the offer is held for its full 15 minutes");
      await jobs.tickAt(later(18));
      assert.deepEqual(await statuses([jan, kim, lea]), ["declined", "expired", "offered"]);
      assert.equal((await offersTo(salon, LEA)).length, 1);
      const late = await tables().transaction((trx) => runIn(trx, clientActor(salon, KIM), acceptOffer, { entryId: kim, now: later(19) }));
      assert.deepEqual(late, { ok: false, reason: "offer-gone" });
    });

    test("a client leaving the waitlist while holding an offer releases the held slot to the next in line", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await booked(salon, IDA);
      await oneHaircutWednesday(salon);
      const jan = await entryOf(salon, JAN);
      const kim = await entryOf(salon, KIM);
      await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: NOW }));
      await jobs.tickAt(NOW);
      assert.deepEqual((await waitlistOfClient(tables().db, salon.botId, JAN, later(1))).map((entry) => [entry.id, entry.status, entry.serviceName, entry.masterName]), [
        [jan, "offered", "Haircut", null],
      ]);
      const janOffer = await tables().db.selectFrom("booking_waitlist").select("offer_occupancy_id").where("id", "=", jan).executeTakeFirstOrThrow();

      jobs.clock.at = later(2);
      const stranger = await tables().transaction((trx) => runIn(trx, clientActor(salon, KIM), leaveWaitlist, { entryId: jan, messenger: jobs.messenger }));
      assert.deepEqual(stranger, { ok: false, reason: "waitlist-entry-gone" }, "only Jan can take Jan off the list");
      const left = await tables().transaction((trx) => runIn(trx, clientActor(salon, JAN), leaveWaitlist, { entryId: jan, messenger: jobs.messenger }));
      assert.deepEqual(left, { ok: true, nextEntry: kim });
      assert.deepEqual(await statuses([jan, kim]), ["withdrawn", "offered"]);
      const released = await tables().db.selectFrom("booking_occupancy").select("active").where("id", "=", janOffer.offer_occupancy_id!).executeTakeFirstOrThrow();
      assert.equal(released.active, false);
      assert.equal((await offersTo(salon, KIM)).length, 1);
      assert.deepEqual(await waitlistOfClient(tables().db, salon.botId, JAN, later(2)), []);
      const audit = await tables().db.selectFrom("audit_log").select(["action", "actor_id"]).where("object_type", "=", "booking_waitlist").where("object_id", "=", String(jan)).where("action", "=", "booking.waitlist.leave").execute();
      assert.deepEqual(audit, [{ action: "booking.waitlist.leave", actor_id: JAN }]);

      await jobs.tickAt(later(20));
      assert.deepEqual(await statuses([jan, kim]), ["withdrawn", "expired"], "Jan's offer expiry was removed; Kim's own ran out");
      const again = await tables().transaction((trx) => runIn(trx, clientActor(salon, JAN), leaveWaitlist, { entryId: jan, messenger: jobs.messenger }));
      assert.deepEqual(again, { ok: false, reason: "waitlist-entry-gone" });
    });

    test("a waiting client leaves the line: nobody is offered anything for them any more", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await booked(salon, IDA);
      await oneHaircutWednesday(salon);
      const jan = await entryOf(salon, JAN);
      const left = await tables().transaction((trx) => runIn(trx, clientActor(salon, JAN), leaveWaitlist, { entryId: jan, messenger: jobs.messenger }));
      assert.deepEqual(left, { ok: true });
      await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: NOW }));
      await jobs.tickAt(NOW);
      assert.deepEqual(await statuses([jan]), ["withdrawn"]);
      assert.deepEqual(await offersTo(salon, JAN), []);
      await booked(salon, LEA);
      assert.ok((await join(salon, JAN)).ok, "they may queue again later");
    });

    test("a wish for another time or master is not offered the slot", async () => {
      const salon = await openSalon(tables().db);
      const jobs = timedWorld(() => suite.database, NOW);
      const visit = await booked(salon, IDA);
      // Boris works only 10:00-10:55 and is booked then; Anna's 11:00 overlaps Ida's visit: both wishes are for full times.
      await hoursOnWednesday(salon.boris, [{ start: 600, end: 655 }]);
      const borisVisit = await tables().transaction((trx) => runIn(trx, clientActor(salon, 835), bookAppointment, { masterId: salon.boris, serviceId: salon.haircut, start: berlin(4, "10:00"), now: NOW, name: "Client" }));
      assert.ok(borisVisit.ok, JSON.stringify(borisVisit));
      const jan = await entryOf(salon, JAN, { timeMin: 660 });
      const kim = await entryOf(salon, KIM, { masterId: salon.boris });
      await tables().transaction((trx) => runIn(trx, staffActor(salon), cancelBooking, { bookingId: visit.id, by: "staff", now: NOW }));
      await jobs.tickAt(NOW);
      assert.deepEqual(await statuses([jan, kim]), ["waiting", "waiting"]);
      assert.ok((await book(salon, LEA, later(1))).ok, "the slot is free for anyone");
    });
  });
}
