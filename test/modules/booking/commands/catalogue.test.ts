import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Kysely } from "kysely";
import { bookingMigrations } from "../../../../src/modules/booking/module.ts";
import type { Tables } from "../../../../src/modules/booking/tables.ts";
import { bookAppointment } from "../../../../src/modules/booking/commands/book-appointment.ts";
import { daySlots } from "../../../../src/modules/booking/queries/availability.ts";
import { createLocation } from "../../../../src/modules/booking/commands/create-location.ts";
import { createMaster } from "../../../../src/modules/booking/commands/create-master.ts";
import { createService } from "../../../../src/modules/booking/commands/create-service.ts";
import { editLocation } from "../../../../src/modules/booking/commands/edit-location.ts";
import { editMaster } from "../../../../src/modules/booking/commands/edit-master.ts";
import { editService } from "../../../../src/modules/booking/commands/edit-service.ts";
import { linkMasterTelegram } from "../../../../src/modules/booking/commands/link-master-telegram.ts";
import { setLocationActive } from "../../../../src/modules/booking/commands/set-location-active.ts";
import { setMasterActive } from "../../../../src/modules/booking/commands/set-master-active.ts";
import { setMasterServices } from "../../../../src/modules/booking/commands/set-master-services.ts";
import { setServiceActive } from "../../../../src/modules/booking/commands/set-service-active.ts";
import { setWeeklyHours } from "../../../../src/modules/booking/commands/set-weekly-hours.ts";
import { updateRules } from "../../../../src/modules/booking/commands/update-rules.ts";
import { mastersForService, servicesToBook } from "../../../../src/modules/booking/queries/catalogue-lists.ts";
import { salonCatalogue } from "../../../../src/modules/booking/queries/salon-catalogue.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";
import { berlin, clientActor, NOW, openSalon, staffActor, tablesOf, type Salon } from "../salon.ts";
import { bookingCommands, runIn } from "../commands-support.ts";

const hour = (from: number, to: number) => ({ start: from * 60, end: to * 60 });

/** The start times a client (with no bookings yet) is offered on a March day, as Berlin wall-clock times. */
async function startTimes(db: Kysely<Tables>, salon: Salon, serviceId: number, day: number, masterId?: number): Promise<string[]> {
  const slots = await daySlots(db, { botId: salon.botId, serviceId, ...(masterId === undefined ? {} : { masterId }), date: `2026-03-${String(day).padStart(2, "0")}`, now: NOW, clientActiveBookings: 0 });
  return slots.map((slot) => slot.time);
}

/** Everything a refusal must leave alone: the bot's catalogue and its audit rows. */
async function snapshot(db: Kysely<Tables>, salon: Salon) {
  const audits = await db.selectFrom("audit_log").select("id").where("bot_id", "=", salon.botId).execute();
  return { catalogue: await salonCatalogue(db, salon.botId), audits: audits.length };
}

for (const kind of databaseKinds) {
  describe(`admins managing the salon's catalogue on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);
    const commands = bookingCommands(() => suite.database, { clock: { now: () => NOW }, languages: ["en"] });

    test("a master's new week, with a break, is what the engine offers next", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      assert.deepEqual((await startTimes(db, salon, salon.haircut, 3, salon.anna)).slice(0, 2), ["09:00", "09:30"]);
      const set = await commands.run(staffActor(salon), setWeeklyHours, { masterId: salon.anna, weekly: { 2: [hour(10, 12), hour(15, 17)], 3: [hour(9, 13)] } });
      assert.ok(set.ok);
      assert.deepEqual(set.master.weekly, { 2: [hour(10, 12), hour(15, 17)], 3: [hour(9, 13)] });
      // A haircut is 60 minutes with 10 after: from 11:00 its clean-up would run past noon.
      assert.deepEqual(await startTimes(db, salon, salon.haircut, 3, salon.anna), ["10:00", "10:30", "15:00", "15:30"]);
      assert.deepEqual(await startTimes(db, salon, salon.haircut, 2, salon.anna), [], "Monday is now a day off");
    });

    test("one weekday's hours change on top of the week as it stands; none makes it a day off; a weekday that does not exist is refused and changes nothing", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const tuesday = await commands.run(staffActor(salon), setWeeklyHours, { masterId: salon.anna, weekday: 2, intervals: [hour(10, 12)] });
      assert.ok(tuesday.ok);
      assert.deepEqual(tuesday.master.weekly[2], [hour(10, 12)]);
      assert.deepEqual(tuesday.master.weekly[3], [hour(9, 13), hour(14, 18)], "Wednesday keeps its hours");
      assert.deepEqual(await startTimes(db, salon, salon.haircut, 3, salon.anna), ["10:00", "10:30"]);

      const off = await commands.run(staffActor(salon), setWeeklyHours, { masterId: salon.anna, weekday: 3, intervals: [] });
      assert.ok(off.ok);
      assert.equal(off.master.weekly[3], undefined);
      assert.deepEqual(off.master.weekly[2], [hour(10, 12)], "Tuesday's change still counts");
      assert.deepEqual(await startTimes(db, salon, salon.haircut, 4, salon.anna), [], "Wednesday is now a day off");

      const before = await snapshot(db, salon);
      assert.deepEqual(await commands.run(staffActor(salon), setWeeklyHours, { masterId: salon.anna, weekday: 9, intervals: [hour(9, 13)] }), {
        ok: false,
        problems: [{ problem: "weekday-invalid", weekday: 9 }],
      });
      assert.deepEqual(await snapshot(db, salon), before);
    });

    test("the answer to new hours lists the bookings still to come that no longer fit them", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const booked = await transaction((trx) =>
        runIn(trx, clientActor(salon, 801), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(3, "16:00"), now: NOW, name: "Ida" }),
      );
      assert.ok(booked.ok);
      const set = await commands.run(staffActor(salon), setWeeklyHours, { masterId: salon.anna, weekly: { 2: [hour(9, 13)] } });
      assert.ok(set.ok);
      assert.deepEqual(
        set.outsideHours.map((booking) => booking.id),
        [booked.booking.id],
      );
      const still = await db.selectFrom("booking").select("status").where("id", "=", booked.booking.id).executeTakeFirstOrThrow();
      assert.equal(still.status, "confirmed", "the booking itself is left for the admin to move");
    });

    test("a new price and duration apply to new bookings while a booking made before keeps its own", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const before = await transaction((trx) =>
        runIn(trx, clientActor(salon, 802), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(3, "09:00"), now: NOW, name: "Jan" }),
      );
      assert.ok(before.ok);
      const edited = await commands.run(staffActor(salon), editService, { serviceId: salon.haircut, priceMinor: 4200, durationMin: 90 });
      assert.ok(edited.ok);
      assert.equal(edited.service.priceMinor, 4200);
      assert.equal(edited.service.currency, "EUR", "fields not given stay");
      const after = await transaction((trx) =>
        runIn(trx, clientActor(salon, 803), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "09:00"), now: NOW, name: "Kai" }),
      );
      assert.ok(after.ok);
      assert.deepEqual([after.booking.priceMinor, after.booking.durationMin], [4200, 90]);
      const kept = await db.selectFrom("booking").select(["price_minor", "duration_min", "ends_at"]).where("id", "=", before.booking.id).executeTakeFirstOrThrow();
      assert.deepEqual([Number(kept.price_minor), kept.duration_min, kept.ends_at], [3000, 60, berlin(3, "10:00")]);
      // 90 minutes and 10 after no longer fit 11:30-13:00.
      assert.ok(!(await startTimes(db, salon, salon.haircut, 5, salon.anna)).includes("11:30"));
    });

    test("a deactivated service is no longer offered or booked, and comes back when reactivated", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const stopped = await commands.run(staffActor(salon), setServiceActive, { serviceId: salon.haircut, active: false });
      assert.ok(stopped.ok);
      assert.ok(!(await servicesToBook(db, salon.botId)).some((service) => service.id === salon.haircut));
      const refused = await transaction((trx) =>
        runIn(trx, clientActor(salon, 804), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(3, "09:00"), now: NOW, name: "Lea" }),
      );
      assert.deepEqual(refused, { ok: false, reason: "service-inactive" });
      await commands.run(staffActor(salon), setServiceActive, { serviceId: salon.haircut, active: true });
      assert.ok((await servicesToBook(db, salon.botId)).some((service) => service.id === salon.haircut));
    });

    test("a deactivated master gets no new bookings, and the answer lists their bookings to move", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const booked = await transaction((trx) =>
        runIn(trx, clientActor(salon, 805), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(3, "09:00"), now: NOW, name: "Mo" }),
      );
      assert.ok(booked.ok);
      const stopped = await commands.run(staffActor(salon), setMasterActive, { masterId: salon.anna, active: false });
      assert.ok(stopped.ok);
      assert.equal(stopped.master.active, false);
      assert.deepEqual(
        stopped.upcoming.map((booking) => [booking.id, booking.clientName]),
        [[booked.booking.id, "Mo"]],
      );
      assert.deepEqual(
        (await mastersForService(db, salon.botId, salon.haircut)).map((master) => master.id),
        [salon.boris],
      );
      const slots = await daySlots(db, { botId: salon.botId, serviceId: salon.haircut, date: "2026-03-04", now: NOW });
      assert.ok(slots.length > 0 && slots.every((slot) => slot.masterId === salon.boris), "any master now means Boris");
      assert.deepEqual(await startTimes(db, salon, salon.colouring, 4), [], "nobody else does colouring");
      const refused = await transaction((trx) =>
        runIn(trx, clientActor(salon, 807), bookAppointment, { masterId: salon.anna, serviceId: salon.haircut, start: berlin(4, "10:00"), now: NOW, name: "Ola" }),
      );
      assert.deepEqual(refused, { ok: false, reason: "not-offered" }, "a time sent from an old button is refused too");
    });

    test("a master's services with their own duration and price are what clients book", async () => {
      const { db, transaction } = tablesOf(suite.database);
      const salon = await openSalon(db);
      await commands.run(staffActor(salon), setWeeklyHours, { masterId: salon.clara, weekly: { 2: [hour(9, 13)] } });
      const set = await commands.run(staffActor(salon), setMasterServices, { masterId: salon.clara, offers: [{ serviceId: salon.haircut, durationMin: 40, priceMinor: 2800 }] });
      assert.ok(set.ok);
      assert.deepEqual(
        (await mastersForService(db, salon.botId, salon.haircut)).find((master) => master.id === salon.clara),
        { id: salon.clara, name: "Clara", durationMin: 40, priceMinor: 2800 },
      );
      const booked = await transaction((trx) =>
        runIn(trx, clientActor(salon, 806), bookAppointment, { masterId: salon.clara, serviceId: salon.haircut, start: berlin(3, "09:00"), now: NOW, name: "Nina" }),
      );
      assert.ok(booked.ok);
      assert.deepEqual([booked.booking.priceMinor, booked.booking.durationMin], [2800, 40]);
      await commands.run(staffActor(salon), setMasterServices, { masterId: salon.clara, offers: [] });
      assert.ok(!(await mastersForService(db, salon.botId, salon.haircut)).some((master) => master.id === salon.clara));
    });

    test("a longer notice and a shorter horizon change which days and times are open", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      assert.ok((await startTimes(db, salon, salon.haircut, 2, salon.anna)).includes("11:00"), "today is open at an hour's notice");
      assert.ok((await startTimes(db, salon, salon.haircut, 10, salon.anna)).length > 0);
      const updated = await commands.run(staffActor(salon), updateRules, { minNoticeMin: 24 * 60, horizonDays: 5, reminderOffsetsMin: [60, 1440] });
      assert.ok(updated.ok);
      assert.deepEqual(updated.rules.reminderOffsetsMin, [1440, 60]);
      assert.equal(updated.rules.maxActivePerClient, 3, "rules not given stay");
      assert.deepEqual(await startTimes(db, salon, salon.haircut, 2, salon.anna), []);
      assert.deepEqual((await startTimes(db, salon, salon.haircut, 3, salon.anna))[0], "09:00", "24 hours from Monday 09:00");
      assert.deepEqual(await startTimes(db, salon, salon.haircut, 10, salon.anna), [], "past the 5-day horizon");
    });

    test("a service's own rule overrides the bot's for that service only", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const edited = await commands.run(staffActor(salon), editService, { serviceId: salon.haircut, ruleOverrides: { horizonDays: 2 } });
      assert.ok(edited.ok);
      assert.deepEqual(await startTimes(db, salon, salon.haircut, 6, salon.anna), []);
      assert.ok((await startTimes(db, salon, salon.colouring, 6, salon.anna)).length > 0);
    });

    test("locations and masters are opened, edited, linked and closed", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const staff = staffActor(salon);
      const opened = await commands.run(staff, createLocation, { name: " Prenzlauer Berg ", address: "", timeZone: "Europe/Berlin" });
      assert.ok(opened.ok);
      assert.deepEqual(opened.location, { id: opened.location.id, name: "Prenzlauer Berg", address: null, timeZone: "Europe/Berlin", active: true });
      const moved = await commands.run(staff, editLocation, { locationId: opened.location.id, name: "Pankow", address: "Hof 1", timeZone: "Europe/Vienna" });
      assert.ok(moved.ok);
      const dora = await commands.run(staff, createMaster, { name: "Dora", locationId: opened.location.id, telegramId: 4242 });
      assert.ok(dora.ok);
      assert.equal(dora.master.telegramId, 4242);
      assert.deepEqual(await commands.run(staff, setLocationActive, { locationId: opened.location.id, active: false }), {
        ok: false,
        problems: [{ problem: "location-has-masters" }],
      });
      const taken = await commands.run(staff, linkMasterTelegram, { masterId: salon.anna, telegramId: 4242 });
      assert.deepEqual(taken, { ok: false, problems: [{ problem: "telegram-taken" }] });
      const unlinked = await commands.run(staff, linkMasterTelegram, { masterId: dora.master.id, telegramId: null });
      assert.ok(unlinked.ok);
      assert.equal(unlinked.master.telegramId, null);
      const home = await commands.run(staff, editMaster, { masterId: dora.master.id, locationId: salon.locationId });
      assert.ok(home.ok);
      const closed = await commands.run(staff, setLocationActive, { locationId: opened.location.id, active: false });
      assert.ok(closed.ok);
      assert.deepEqual(await commands.run(staff, createMaster, { name: "Emil", locationId: opened.location.id, telegramId: null }), {
        ok: false,
        problems: [{ problem: "location-inactive" }],
      });
    });

    test("bad values, unknown ids and another bot's ids are refused, named, and change nothing", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      const other = await openSalon(db);
      const staff = staffActor(salon);
      const before = await snapshot(db, salon);
      const refusals = [
        await commands.run(staff, editService, { serviceId: salon.haircut, durationMin: 3, prepaymentMinor: 5000, currency: "eur" }),
        await commands.run(staff, editService, { serviceId: other.haircut, priceMinor: 1 }),
        await commands.run(staff, editService, { serviceId: salon.haircut, ruleOverrides: { horizonDays: 0 } }),
        await commands.run(staff, createService, {
            name: " ",
            description: null,
            durationMin: 60,
            priceMinor: 100,
            currency: "EUR",
            bufferBeforeMin: 121,
            bufferAfterMin: 0,
            slotStepMin: 1,
            capacity: 0,
            prepaymentMinor: null,
            ruleOverrides: {},
          }),
        await commands.run(staff, createLocation, { name: "Moon", address: null, timeZone: "Moon/Base" }),
        await commands.run(staff, setWeeklyHours, { masterId: salon.anna, weekly: { 1: [hour(9, 13), hour(12, 18)], 9: [] } }),
        await commands.run(staff, setWeeklyHours, { masterId: salon.anna, weekly: { 2: [{ start: 600, end: 1500 }] } }),
        await commands.run(staff, setWeeklyHours, { masterId: other.anna, weekly: {} }),
        await commands.run(staff, setMasterServices, { masterId: salon.clara, offers: [{ serviceId: other.haircut, durationMin: null, priceMinor: null }] }),
        await commands.run(staff, setMasterServices, { masterId: salon.clara, offers: [{ serviceId: salon.haircut, durationMin: 2, priceMinor: null }] }),
        await commands.run(staff, setMasterActive, { masterId: other.anna, active: false }),
        await commands.run(staff, createMaster, { name: "Fay", locationId: other.locationId, telegramId: null }),
        await commands.run(staff, updateRules, { maxActivePerClient: 0, reminderOffsetsMin: [60, 60], holdMin: 0 }),
      ];
      assert.deepEqual(
        refusals.map((refusal) => (refusal.ok ? "saved" : refusal.problems)),
        [
          [{ problem: "duration-out-of-range" }, { problem: "currency-invalid" }, { problem: "prepayment-invalid" }],
          [{ problem: "service-unknown" }],
          [{ problem: "rule-invalid", rule: "horizonDays" }],
          [{ problem: "name-missing" }, { problem: "buffer-out-of-range" }, { problem: "slot-step-out-of-range" }, { problem: "capacity-invalid" }],
          [{ problem: "time-zone-unknown" }],
          [
            { problem: "intervals-overlap", weekday: 1 },
            { problem: "weekday-invalid", weekday: 9 },
          ],
          [{ problem: "interval-invalid", weekday: 2 }],
          [{ problem: "master-unknown" }],
          [{ problem: "service-unknown" }],
          [{ problem: "duration-out-of-range" }],
          [{ problem: "master-unknown" }],
          [{ problem: "location-unknown" }],
          [{ problem: "rule-invalid", rule: "maxActivePerClient" }, { problem: "reminders-invalid" }, { problem: "hold-invalid" }],
        ],
      );
      assert.deepEqual(await snapshot(db, salon), before);
    });

    test("each change writes one audit row naming what it changed, before and after", async () => {
      const { db } = tablesOf(suite.database);
      const salon = await openSalon(db);
      await commands.run(staffActor(salon), editService, { serviceId: salon.haircut, priceMinor: 3300 });
      const rows = await db.selectFrom("audit_log").select(["action", "object_type", "object_id", "before", "after", "actor_id"]).where("bot_id", "=", salon.botId).execute();
      assert.equal(rows.length, 1);
      const [row] = rows;
      assert.deepEqual([row?.action, row?.object_type, row?.object_id, row?.actor_id], ["booking.service.edit", "booking_service", String(salon.haircut), 9000]);
      assert.deepEqual([(row?.before as { priceMinor: number }).priceMinor, (row?.after as { priceMinor: number }).priceMinor], [3000, 3300]);
    });
  });
}
