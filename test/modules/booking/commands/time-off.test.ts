import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { bookingMigrations } from "../../../../src/modules/booking/module.ts";
import { timeRange } from "../../../../src/modules/booking/effects/occupancy.ts";
import { bookAppointment } from "../../../../src/modules/booking/commands/book-appointment.ts";
import { daySlots } from "../../../../src/modules/booking/queries/availability.ts";
import { type BookingView } from "../../../../src/modules/booking/views.ts";
import { addDaysOff } from "../../../../src/modules/booking/commands/add-days-off.ts";
import { addHoliday } from "../../../../src/modules/booking/commands/add-holiday.ts";
import { blockTime } from "../../../../src/modules/booking/commands/block-time.ts";
import { clearDayHours } from "../../../../src/modules/booking/commands/clear-day-hours.ts";
import { removeDaysOff } from "../../../../src/modules/booking/commands/remove-days-off.ts";
import { removeHoliday } from "../../../../src/modules/booking/commands/remove-holiday.ts";
import { setDayHours } from "../../../../src/modules/booking/commands/set-day-hours.ts";
import { unblockTime } from "../../../../src/modules/booking/commands/unblock-time.ts";
import { sqlStateOf } from "../../../../src/modules/booking/effects/places.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";
import { auditOf, berlin, clientActor, NOW, openSalon, staffActor, tablesOf, type Salon } from "../salon.ts";
import { bookingCommands, runIn } from "../commands-support.ts";

const IDA = 811;
const JAN = 812;
const KAI = 813;
const ANNA_CHAT = 7101;
const BORIS_CHAT = 7102;

for (const kind of databaseKinds) {
  describe(`time off and blocked time, with the bookings they hit, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);
    const commands = bookingCommands(() => suite.database, { clock: { now: () => NOW }, languages: ["en"] });
    const tables = () => tablesOf(suite.database);
    const staff = (salon: Salon) => staffActor(salon);

    /** The salon with Anna and Boris linked to Telegram, so they get the masters' notices. */
    const salonWithChats = async () => {
      const salon = await openSalon(tables().db);
      await tables().db.updateTable("booking_master").set({ telegram_id: ANNA_CHAT + salon.anna * 10 }).where("id", "=", salon.anna).execute();
      await tables().db.updateTable("booking_master").set({ telegram_id: BORIS_CHAT + salon.boris * 10 }).where("id", "=", salon.boris).execute();
      return salon;
    };
    const book = async (salon: Salon, start: Date, telegramId: number, masterId = salon.anna): Promise<BookingView> => {
      const outcome = await tables().transaction((trx) => runIn(trx, clientActor(salon, telegramId), bookAppointment, { masterId, serviceId: salon.haircut, start, now: NOW, name: `Client ${telegramId}` }));
      assert.ok(outcome.ok, `booking at ${start.toISOString()} failed: ${JSON.stringify(outcome)}`);
      return outcome.booking;
    };
    const bookingNow = (id: number) => tables().db.selectFrom("booking").select(["master_id", "status", "cancelled_by", "starts_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    const outboxTexts = async (chatId: number) =>
      (await tables().db.selectFrom("outbox").select("payload").where("chat_id", "=", chatId).orderBy("id").execute()).map((row) => String((row.payload as { text?: string }).text));
    const blocksOf = (masterId: number) => tables().db.selectFrom("booking_occupancy").select(["id", "active", "reason"]).where("master_id", "=", masterId).where("kind", "=", "block").execute();
    const timeOffAudit = (salon: Salon) =>
      tables().db.selectFrom("audit_log").select(["action", "object_type"]).where("bot_id", "=", salon.botId).where("action", "not in", ["booking.book"]).orderBy("id").execute();
    const annasTimes = async (salon: Salon, day: number) =>
      (await daySlots(tables().db, { botId: salon.botId, serviceId: salon.haircut, masterId: salon.anna, date: `2026-03-${String(day).padStart(2, "0")}`, now: NOW })).map((slot) => slot.time);

    test("blocking time that holds a booking is refused with the booking, its client, time and the masters free to take it; nothing changes", async () => {
      const salon = await salonWithChats();
      const visit = await book(salon, berlin(4, "10:00"), IDA);
      const outcome = await commands.run(staff(salon), blockTime, { masterId: salon.anna, start: berlin(4, "09:30"), end: berlin(4, "11:30"), reason: "Training" });
      assert.ok(!outcome.ok && outcome.reason === "hits-bookings");
      assert.deepEqual(
        outcome.hits.map((hit) => ({ id: hit.bookingId, client: hit.clientName, service: hit.serviceName, when: `${hit.date} ${hit.time}-${hit.endTime}`, master: hit.masterName, free: hit.freeMasters })),
        [{ id: visit.id, client: `Client ${IDA}`, service: "Haircut", when: "2026-03-04 10:00-11:00", master: "Anna", free: [{ id: salon.boris, name: "Boris" }] }],
      );
      assert.deepEqual(await blocksOf(salon.anna), []);
      assert.equal((await bookingNow(visit.id)).master_id, salon.anna);
      assert.deepEqual(await timeOffAudit(salon), []);
      assert.deepEqual(await outboxTexts(IDA), []);
    });

    test("moving the hit booking to the free master: it keeps its time with Boris, the block is stored, the client and both masters are told, and nothing can be booked in the block", async () => {
      const salon = await salonWithChats();
      const visit = await book(salon, berlin(4, "10:00"), IDA);
      const outcome = await commands.run(staff(salon), blockTime, {
        masterId: salon.anna,
        start: berlin(4, "09:30"),
        end: berlin(4, "11:30"),
        reason: "Training",
        resolutions: [{ bookingId: visit.id, action: "move", masterId: salon.boris }],
      });
      assert.ok(outcome.ok);
      assert.deepEqual([outcome.moved, outcome.cancelled], [1, 0]);
      const after = await bookingNow(visit.id);
      assert.deepEqual([after.master_id, after.status, after.starts_at.toISOString()], [salon.boris, "confirmed", berlin(4, "10:00").toISOString()]);
      assert.deepEqual((await blocksOf(salon.anna)).map((block) => [block.active, block.reason]), [[true, "Training"]]);
      assert.deepEqual((await auditOf(tables().db, visit.id)).map((row) => row.action), ["booking.book", "booking.reschedule"]);
      assert.deepEqual((await timeOffAudit(salon)).map((row) => row.action), ["booking.reschedule", "booking.block"]);
      assert.match((await outboxTexts(IDA)).join("\n"), /moved/i);
      // Anna heard of the booking when it was made (the booking command tells her), then that it is off her day.
      const annas = await outboxTexts(ANNA_CHAT + salon.anna * 10);
      assert.equal(annas.length, 2, "Anna hears the visit is off her day");
      assert.match(annas[1] ?? "", /^Booking moved to Boris: /);
      assert.equal((await outboxTexts(BORIS_CHAT + salon.boris * 10)).length, 1, "Boris hears of his new visit");

      const times = await annasTimes(salon, 4);
      assert.ok(!times.includes("10:00") && !times.includes("11:00"), `Anna is offered ${times.join(", ")}`);
      assert.ok(times.includes("11:30") && times.includes("09:00") === false, "a 70-minute visit from 09:00 would run into the block");
      const late = await tables().transaction((trx) => runIn(trx, clientActor(salon, JAN), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "10:30"), now: NOW, name: "Jan" }));
      assert.equal(late.ok ? "booked" : late.reason, "taken");
    });

    test("a booking's occupancy written straight into a block is refused by the database (23P01), and so is a block over a booking", async () => {
      const salon = await salonWithChats();
      const blocked = await commands.run(staff(salon), blockTime, { masterId: salon.anna, start: berlin(5, "14:00"), end: berlin(5, "16:00") });
      assert.ok(blocked.ok);
      const visit = await book(salon, berlin(5, "10:00"), IDA);
      const intoBlock = tables().db
        .insertInto("booking_occupancy")
        .values({ bot_id: salon.botId, master_id: salon.anna, during: timeRange({ start: berlin(5, "15:00"), end: berlin(5, "16:00") }), kind: "appointment", booking_id: visit.id, class_session_id: null, expires_at: null })
        .execute();
      await assert.rejects(intoBlock, (error) => sqlStateOf(error) === "23P01");
      const overBooking = tables().db
        .insertInto("booking_occupancy")
        .values({ bot_id: salon.botId, master_id: salon.anna, during: timeRange({ start: berlin(5, "10:30"), end: berlin(5, "11:00") }), kind: "block", booking_id: null, class_session_id: null, expires_at: null })
        .execute();
      await assert.rejects(overBooking, (error) => sqlStateOf(error) === "23P01");
    });

    test("cancelling the hit booking instead: cancelled by staff, the client told; unblocking gives the time back", async () => {
      const salon = await salonWithChats();
      const visit = await book(salon, berlin(4, "14:00"), IDA);
      const outcome = await commands.run(staff(salon), blockTime, { masterId: salon.anna, start: berlin(4, "14:00"), end: berlin(4, "15:00"), resolutions: [{ bookingId: visit.id, action: "cancel" }] });
      assert.ok(outcome.ok);
      assert.deepEqual(await bookingNow(visit.id).then((row) => [row.status, row.cancelled_by]), ["cancelled", "staff"]);
      assert.match((await outboxTexts(IDA)).join("\n"), /cancel/i);
      assert.ok(!(await annasTimes(salon, 4)).includes("14:00"));

      const unblocked = await commands.run(staff(salon), unblockTime, { id: outcome.value.id });
      assert.ok(unblocked.ok);
      assert.deepEqual((await blocksOf(salon.anna)).map((block) => block.active), [false], "the block stays, released");
      assert.ok((await annasTimes(salon, 4)).includes("14:00"));
      const twice = await commands.run(staff(salon), unblockTime, { id: outcome.value.id });
      assert.deepEqual(twice, { ok: false, reason: "not-found" });
    });

    test("all or nothing: when one move is refused (Boris was booked meanwhile) the other move is undone and no block is stored", async () => {
      const salon = await salonWithChats();
      const ida = await book(salon, berlin(4, "10:00"), IDA);
      const jan = await book(salon, berlin(4, "11:30"), JAN);
      await book(salon, berlin(4, "11:30"), KAI, salon.boris);
      const audits = (await timeOffAudit(salon)).length;
      const outboxBefore = (await tables().db.selectFrom("outbox").select("id").execute()).length;
      const outcome = await commands.run(staff(salon), blockTime, {
        masterId: salon.anna,
        start: berlin(4, "09:00"),
        end: berlin(4, "13:00"),
        resolutions: [
          { bookingId: ida.id, action: "move", masterId: salon.boris },
          { bookingId: jan.id, action: "move", masterId: salon.boris },
        ],
      });
      assert.deepEqual(outcome, { ok: false, reason: "resolution-refused", bookingId: jan.id, why: "taken" });
      assert.equal((await bookingNow(ida.id)).master_id, salon.anna);
      assert.equal((await bookingNow(jan.id)).master_id, salon.anna);
      assert.deepEqual(await blocksOf(salon.anna), []);
      assert.equal((await timeOffAudit(salon)).length, audits);
      assert.equal((await tables().db.selectFrom("outbox").select("id").execute()).length, outboxBefore);
    });

    test("a vacation hitting two bookings: one moved, one cancelled; Anna is offered no time those days; taking the vacation back reopens them", async () => {
      const salon = await salonWithChats();
      const ida = await book(salon, berlin(9, "10:00"), IDA);
      const jan = await book(salon, berlin(10, "15:00"), JAN);
      const vacation = { masterId: salon.anna, from: "2026-03-09", to: "2026-03-13", reason: "Vacation" };
      const refused = await commands.run(staff(salon), addDaysOff, vacation);
      assert.ok(!refused.ok && refused.reason === "hits-bookings");
      assert.deepEqual(refused.hits.map((hit) => [hit.bookingId, hit.time]), [[ida.id, "10:00"], [jan.id, "15:00"]]);
      assert.deepEqual(await tables().db.selectFrom("booking_day_off").select("id").where("master_id", "=", salon.anna).execute(), []);

      const onlyOne = await commands.run(staff(salon), addDaysOff, { ...vacation, resolutions: [{ bookingId: ida.id, action: "cancel" }] });
      assert.ok(!onlyOne.ok && onlyOne.reason === "hits-bookings", "every hit needs a choice");
      const added = await commands.run(staff(salon), addDaysOff, { ...vacation, resolutions: [{ bookingId: ida.id, action: "cancel" }, { bookingId: jan.id, action: "move", masterId: salon.boris }] });
      assert.ok(added.ok);
      assert.equal((await bookingNow(ida.id)).status, "cancelled");
      assert.equal((await bookingNow(jan.id)).master_id, salon.boris);
      assert.deepEqual(await annasTimes(salon, 11), []);
      assert.deepEqual((await timeOffAudit(salon)).map((row) => row.action), ["booking.cancel", "booking.reschedule", "booking.days-off.add"]);

      const removed = await commands.run(staff(salon), removeDaysOff, { id: added.value.id });
      assert.ok(removed.ok);
      assert.ok((await annasTimes(salon, 11)).includes("09:00"));
      assert.equal((await tables().db.selectFrom("booking_day_off").select("removed_at").where("id", "=", added.value.id).executeTakeFirstOrThrow()).removed_at?.getTime(), NOW.getTime());
    });

    test("a holiday hits every master's bookings; cancelled with notices, the day is closed for all, and it can be taken back", async () => {
      const salon = await salonWithChats();
      const ida = await book(salon, berlin(6, "10:00"), IDA);
      const kai = await book(salon, berlin(6, "10:00"), KAI, salon.boris);
      const holiday = { from: "2026-03-06", to: "2026-03-06", name: "Founders' day" };
      const refused = await commands.run(staff(salon), addHoliday, holiday);
      assert.ok(!refused.ok && refused.reason === "hits-bookings");
      assert.deepEqual(refused.hits.map((hit) => [hit.bookingId, hit.masterName, hit.freeMasters]).sort(), [[ida.id, "Anna", []], [kai.id, "Boris", []]].sort());
      const added = await commands.run(staff(salon), addHoliday, { ...holiday, resolutions: [{ bookingId: ida.id, action: "cancel" }, { bookingId: kai.id, action: "cancel" }] });
      assert.ok(added.ok);
      assert.deepEqual([(await bookingNow(ida.id)).status, (await bookingNow(kai.id)).status], ["cancelled", "cancelled"]);
      assert.match((await outboxTexts(KAI)).join("\n"), /cancel/i, "Kai, who booked in the bot, is told of the cancellation");
      assert.deepEqual(await daySlots(tables().db, { botId: salon.botId, serviceId: salon.haircut, date: "2026-03-06", now: NOW }), []);
      const removed = await commands.run(staff(salon), removeHoliday, { id: added.value.id });
      assert.ok(removed.ok);
      assert.ok((await annasTimes(salon, 6)).length > 0);
    });

    test("a day's own shorter hours hit the visit after its new end; going back to the weekly hours lifts them", async () => {
      const salon = await salonWithChats();
      const afternoon = await book(salon, berlin(4, "15:00"), IDA);
      const morning = await book(salon, berlin(4, "10:00"), JAN);
      const short = { masterId: salon.anna, date: "2026-03-04", intervals: [{ start: 9 * 60, end: 13 * 60 }] };
      const refused = await commands.run(staff(salon), setDayHours, short);
      assert.ok(!refused.ok && refused.reason === "hits-bookings");
      assert.deepEqual(refused.hits.map((hit) => hit.bookingId), [afternoon.id]);
      const set = await commands.run(staff(salon), setDayHours, { ...short, resolutions: [{ bookingId: afternoon.id, action: "move", masterId: salon.boris }] });
      assert.ok(set.ok);
      assert.equal((await bookingNow(morning.id)).master_id, salon.anna);
      assert.deepEqual(await annasTimes(salon, 4), ["11:30"], "09:00 would run into Jan's 10:00 with its cleaning; the day now ends at 13:00");

      const cleared = await commands.run(staff(salon), clearDayHours, { masterId: salon.anna, date: "2026-03-04" });
      assert.ok(cleared.ok);
      assert.ok((await annasTimes(salon, 4)).includes("16:00"));
      const again = await commands.run(staff(salon), clearDayHours, { masterId: salon.anna, date: "2026-03-04" });
      assert.deepEqual(again, { ok: false, reason: "not-found" });
    });

    test("bad input is refused and changes nothing: days the wrong way round, a block that ends before it starts, another bot's master", async () => {
      const salon = await salonWithChats();
      const other = await openSalon(tables().db);
      assert.deepEqual(await commands.run(staff(salon), addDaysOff, { masterId: salon.anna, from: "2026-03-10", to: "2026-03-09" }), { ok: false, reason: "days-invalid" });
      assert.deepEqual(await commands.run(staff(salon), blockTime, { masterId: salon.anna, start: berlin(4, "12:00"), end: berlin(4, "11:00") }), { ok: false, reason: "range-invalid" });
      assert.deepEqual(await commands.run(staff(salon), blockTime, { masterId: other.anna, start: berlin(4, "11:00"), end: berlin(4, "12:00") }), { ok: false, reason: "not-found" });
      assert.deepEqual(
        await commands.run(staff(salon), setDayHours, { masterId: salon.anna, date: "2026-03-04", intervals: [{ start: 600, end: 540 }] }),
        { ok: false, reason: "hours-invalid" },
      );
      assert.deepEqual(await timeOffAudit(salon), []);
      const rows = await tables().db.selectFrom("booking_occupancy").select(sql<number>`count(*)`.as("count")).where("bot_id", "=", salon.botId).executeTakeFirstOrThrow();
      assert.equal(Number(rows.count), 0);
    });
  });
}
