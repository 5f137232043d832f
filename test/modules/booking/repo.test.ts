import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import { botRules, rulesOfService } from "../../../src/modules/booking/queries/rules.ts";
import { holidaysOf, occupanciesOf, offeringOf, schedulesOf } from "../../../src/modules/booking/queries/offerings.ts";
import { bookAppointment } from "../../../src/modules/booking/commands/book-appointment.ts";
import { daySlots, monthAvailability } from "../../../src/modules/booking/queries/availability.ts";
import { DEFAULT_BOOKING_RULES } from "../../../src/modules/booking/domain/rules.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { berlin, clientActor, NOW, openSalon, tablesOf } from "./salon.ts";
import { runIn } from "./commands-support.ts";

for (const kind of databaseKinds) {
  describe(`the booking repository on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);

    test("a master's schedule comes back with breaks, days off and overrides, and calendar days come back as the days written", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      await db.insertInto("booking_day_off").values({ master_id: salon.anna, from_date: "2026-03-16", to_date: "2026-03-20", reason: "vacation" }).execute();
      await db.insertInto("booking_date_override").values({ master_id: salon.anna, date: "2026-03-07", intervals: JSON.stringify([{ start: 600, end: 720 }]) }).execute();
      await db.insertInto("booking_holiday").values({ bot_id: salon.botId, from_date: "2026-03-08", to_date: "2026-03-08", name: "Women's Day" }).execute();
      const schedule = (await schedulesOf(db, [salon.anna])).get(salon.anna);
      assert.deepEqual(schedule?.weekly[2], [
        { start: 540, end: 780 },
        { start: 840, end: 1080 },
      ]);
      assert.equal(schedule?.weekly[7], undefined);
      assert.deepEqual(schedule?.daysOff, [{ from: "2026-03-16", to: "2026-03-20" }]);
      assert.deepEqual(schedule?.overrides, [{ date: "2026-03-07", intervals: [{ start: 600, end: 720 }] }]);
      assert.deepEqual(await holidaysOf(db, salon.botId), [{ from: "2026-03-08", to: "2026-03-08" }]);
    });

    test("overlapping working intervals of one weekday are refused by the database", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      await assert.rejects(
        db.insertInto("booking_weekly_hours").values({ master_id: salon.anna, weekday: 1, start_min: 12 * 60, end_min: 15 * 60 }).execute(),
        (error) => (error as { code?: string }).code === "23P01",
      );
    });

    test("rules: the defaults without a row, the bot's row, and a service's overrides on top", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      assert.deepEqual(await botRules(db, salon.botId), { rules: DEFAULT_BOOKING_RULES, holdMin: 15, reminderOffsetsMin: [1440, 120] });
      await db
        .insertInto("booking_rules")
        .values({
          bot_id: salon.botId,
          min_notice_min: 120,
          horizon_days: 30,
          cancel_window_min: 720,
          reschedule_window_min: 720,
          max_reschedules: 1,
          max_active_per_client: 2,
          hold_min: 20,
        })
        .execute();
      await db.updateTable("booking_service").set({ rule_overrides: JSON.stringify({ cancelWindowMin: 2880 }) }).where("id", "=", salon.colouring).execute();
      const bot = await botRules(db, salon.botId);
      assert.equal(bot.holdMin, 20);
      assert.deepEqual(bot.reminderOffsetsMin, [1440, 120]);
      assert.equal((await rulesOfService(db, salon.botId, salon.haircut)).cancelWindowMin, 720);
      assert.equal((await rulesOfService(db, salon.botId, salon.colouring)).cancelWindowMin, 2880);
      assert.equal((await rulesOfService(db, salon.botId, salon.colouring)).maxActivePerClient, 2);
      const offering = await offeringOf(db, salon.botId, salon.anna, salon.colouring, bot.holdMin);
      assert.deepEqual(offering?.service.prepayment, { amountMinor: 2000, holdMin: 20 });
      assert.equal(offering?.timeZone, "Europe/Berlin");
    });

    test("occupancies of a class carry the session's seats", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      await transaction((trx) =>
        runIn(trx, clientActor(salon, 901), bookAppointment, { masterId: salon.anna, serviceId: salon.yoga, start: berlin(3, "09:00"), now: NOW, name: "Rita" }),
      );
      const [occupancy] = await occupanciesOf(db, [salon.anna], { start: berlin(3, "00:00"), end: berlin(4, "00:00") });
      assert.equal(occupancy?.kind, "class");
      assert.deepEqual(occupancy?.kind === "class" ? occupancy.session : undefined, { serviceId: String(salon.yoga), start: berlin(3, "09:00"), seatsTaken: 1, capacity: 5 });
    });

    test("the month view and a day's times read what the engine reads: holidays, vacations, taken times", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      await db.insertInto("booking_holiday").values({ bot_id: salon.botId, from_date: "2026-03-09", to_date: "2026-03-09", name: null }).execute();
      await db.insertInto("booking_day_off").values({ master_id: salon.anna, from_date: "2026-03-10", to_date: "2026-03-10", reason: null }).execute();
      await transaction((trx) =>
        runIn(trx, clientActor(salon, 902), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(11, "09:00"), now: NOW, name: "Sam" }),
      );
      const markers = await monthAvailability(db, { botId: salon.botId, serviceId: salon.haircut, masterId: salon.anna, month: "2026-03", now: NOW, clientActiveBookings: 1 });
      const load = (day: string) => markers.find((marker) => marker.date === `2026-03-${day}`)?.load;
      assert.deepEqual([load("01"), load("08"), load("09"), load("10"), load("11"), load("12")], ["closed", "closed", "closed", "closed", "busy", "free"]);
      const anyMaster = await monthAvailability(db, { botId: salon.botId, serviceId: salon.haircut, month: "2026-03", now: NOW, clientActiveBookings: 1 });
      assert.equal(anyMaster.find((marker) => marker.date === "2026-03-10")?.load, "free", "Boris works while Anna is off");
      const slots = await daySlots(db, { botId: salon.botId, serviceId: salon.haircut, masterId: salon.anna, date: "2026-03-11", now: NOW, clientActiveBookings: 1 });
      assert.deepEqual(
        slots.slice(0, 3).map((slot) => slot.time),
        ["10:30", "11:00", "11:30"],
      );
      assert.ok(slots.every((slot) => slot.masterId === salon.anna));
      const atLimit = await daySlots(db, { botId: salon.botId, serviceId: salon.haircut, date: "2026-03-11", now: NOW, clientActiveBookings: 3 });
      assert.deepEqual(atLimit, []);
    });
  });
}
