import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { RunningApp } from "../../../src/main.ts";
import { seedDemoSalon } from "../../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import type { FreeSlot } from "../../../src/modules/booking/views.ts";
import type { HitView } from "../../../src/modules/booking/queries/time-off-hits.ts";
import type { TimeOffList } from "../../../src/modules/booking/queries/time-off-list.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../../support/app.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { signIn, type SignedInClient } from "../../support/signed-in-client.ts";
import { TelegramUser } from "../../support/telegram-user.ts";

/** Monday 2 March 2026, 08:00 in Berlin. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");

for (const kind of databaseKinds) {
  describe(`the time-off API on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let anna: TelegramUser;
    let owner: SignedInClient;
    let master: SignedInClient;
    let ids: { anna: number; boris: number; clara: number; haircut: number };
    const clock = { now: () => MONDAY_MORNING };
    const db = () => app.database.db as unknown as Kysely<Tables>;
    const outboxTo = async (chatId: number) =>
      (await db().selectFrom("outbox").select("payload").where("chat_id", "=", chatId).orderBy("id").execute()).map((row) => String((row.payload as { text?: string }).text));
    const walkIn = async (masterId: number, date: string, time: string, name: string, phone: string) => {
      const slots = (await owner.get<{ slots: FreeSlot[] }>(`/api/booking/slots?service=${ids.haircut}&master=${masterId}&date=${date}`)).body.slots;
      const slot = slots.find((candidate) => candidate.time === time);
      assert.ok(slot, `${time} is free on ${date}`);
      const booked = await owner.send<{ booking: { id: number } }>("POST", "/api/booking/bookings", { serviceId: ids.haircut, masterId, start: slot.start, name, phone });
      assert.equal(booked.status, 201);
      return booked.body.booking.id;
    };

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      anna = new TelegramUser(emulator.control, { first_name: "Anna", language_code: "en" });
      app = await startAppInProcess(appEnv(emulator.url, database), undefined, { clock });
      await seedDemoSalon(app.database, "main", { masterTelegramId: anna.id });
      await db().insertInto("role").values({ bot_id: "main", telegram_id: anna.id, role: "master", granted_by: OWNER_ID }).execute();
      const masterId = async (name: string) => (await db().selectFrom("booking_master").select("id").where("display_name", "=", name).executeTakeFirstOrThrow()).id;
      ids = {
        anna: await masterId("Anna"),
        boris: await masterId("Boris"),
        clara: await masterId("Clara"),
        haircut: (await db().selectFrom("booking_service").select("id").where("name", "=", "Haircut").executeTakeFirstOrThrow()).id,
      };
      owner = await signIn(app, OWNER_ID);
      master = await signIn(app, anna.id);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("time off needs booking.manage: a master gets 403, nobody signed in 401", async () => {
      for (const [method, path] of [
        ["GET", "/api/booking/time-off"],
        ["POST", "/api/booking/time-off/blocks"],
        ["POST", "/api/booking/time-off/days-off"],
        ["POST", "/api/booking/time-off/holidays/1/remove"],
      ] as const) {
        const answer = method === "GET" ? await master.get(path) : await master.send(method, path, {});
        assert.equal(answer.status, 403, `${method} ${path}`);
        assert.equal((await fetch(`${app.url}${path}`, { method })).status, 401, `${method} ${path} without a session`);
      }
    });

    test("blocking hours over a walk-in answers 409 with the booking and the free masters; moved to Boris it goes through, Anna is told, and the calendar shows the block", async () => {
      const bookingId = await walkIn(ids.anna, "2026-03-03", "10:00", "Walk-in Wanda", "+49 151 000 00011");
      const block = { masterId: ids.anna, date: "2026-03-03", from: "09:30", to: "12:00", reason: "Supplier visit" };
      const refused = await owner.send<{ error: string; hits: HitView[] }>("POST", "/api/booking/time-off/blocks", block);
      assert.equal(refused.status, 409);
      assert.match(refused.body.error, /hits a booking/);
      assert.deepEqual(
        refused.body.hits.map((hit) => [hit.bookingId, hit.clientName, hit.clientPhone, hit.serviceName, hit.time, hit.endTime, hit.freeMasters.map((free) => free.name)]),
        [[bookingId, "Walk-in Wanda", "+4915100000011", "Haircut", "10:00", "11:00", ["Boris"]]],
      );
      assert.equal((await db().selectFrom("booking_occupancy").select("id").where("kind", "=", "block").execute()).length, 0);

      const done = await owner.send<{ id: number; moved: number; cancelled: number }>("POST", "/api/booking/time-off/blocks", { ...block, resolutions: [{ bookingId, action: "move", masterId: ids.boris }] });
      assert.equal(done.status, 201);
      assert.deepEqual([done.body.moved, done.body.cancelled], [1, 0]);
      assert.ok((await outboxTo(anna.id)).some((text) => text.startsWith("Booking moved to Boris: ")), "Anna hears the visit moved to Boris");

      const calendar = await owner.get<{ bookings: { id: number; masterId: number }[]; blocks: { id: number; masterId: number; start: string; end: string; reason: string }[] }>(
        "/api/booking/calendar?from=2026-03-03&to=2026-03-03",
      );
      assert.deepEqual(calendar.body.blocks, [{ id: done.body.id, masterId: ids.anna, start: "2026-03-03T08:30:00.000Z", end: "2026-03-03T11:00:00.000Z", reason: "Supplier visit" }]);
      assert.equal(calendar.body.bookings.find((booking) => booking.id === bookingId)?.masterId, ids.boris);
      const listed = await owner.get<TimeOffList & { today: string }>("/api/booking/time-off");
      assert.equal(listed.body.today, "2026-03-02");
      assert.deepEqual(listed.body.blocks.map((entry) => [entry.id, entry.masterName, entry.reason]), [[done.body.id, "Anna", "Supplier visit"]]);

      assert.equal((await owner.send("POST", `/api/booking/time-off/blocks/${done.body.id}/remove`)).status, 200);
      assert.deepEqual((await owner.get<TimeOffList>("/api/booking/time-off")).body.blocks, []);
      assert.equal((await owner.send("POST", `/api/booking/time-off/blocks/${done.body.id}/remove`)).status, 404);
    });

    test("a move the engine refuses (Clara does not cut hair) answers 409 naming the booking and why, and changes nothing", async () => {
      const bookingId = await walkIn(ids.anna, "2026-03-04", "15:00", "Walk-in Otto", "+49 151 000 00012");
      const answer = await owner.send<{ error: string; bookingId: number }>("POST", "/api/booking/time-off/days-off", {
        masterId: ids.anna,
        from: "2026-03-04",
        to: "2026-03-05",
        resolutions: [{ bookingId, action: "move", masterId: ids.clara }],
      });
      assert.equal(answer.status, 409);
      assert.equal(answer.body.error, `Booking #${bookingId} could not be moved or cancelled: That master does not offer that service. Nothing was changed.`);
      assert.deepEqual((await owner.get<TimeOffList>("/api/booking/time-off")).body.daysOff, []);
      const cancelled = await owner.send<{ id: number; cancelled: number }>("POST", "/api/booking/time-off/days-off", {
        masterId: ids.anna,
        from: "2026-03-04",
        to: "2026-03-05",
        reason: "Vacation",
        resolutions: [{ bookingId, action: "cancel" }],
      });
      assert.equal(cancelled.status, 201);
      assert.equal(cancelled.body.cancelled, 1);
      assert.deepEqual((await owner.get<{ slots: FreeSlot[] }>(`/api/booking/slots?service=${ids.haircut}&master=${ids.anna}&date=2026-03-05`)).body.slots, []);
      assert.deepEqual(
        (await owner.get<TimeOffList>("/api/booking/time-off")).body.daysOff.map((entry) => [entry.masterName, entry.from, entry.to, entry.reason]),
        [["Anna", "2026-03-04", "2026-03-05", "Vacation"]],
      );
    });

    test("holidays and a day's own hours are added and taken back; bad input gets 400 in the person's language", async () => {
      const holiday = await owner.send<{ id: number }>("POST", "/api/booking/time-off/holidays", { from: "2026-04-06", to: "2026-04-06", name: "Easter Monday" });
      assert.equal(holiday.status, 201);
      const hours = await owner.send("POST", "/api/booking/time-off/day-hours", { masterId: ids.boris, date: "2026-03-08", intervals: [{ from: "10:00", to: "14:00" }] });
      assert.equal(hours.status, 200);
      const listed = (await owner.get<TimeOffList>("/api/booking/time-off")).body;
      assert.deepEqual(listed.holidays.map((entry) => [entry.from, entry.name]), [["2026-04-06", "Easter Monday"]]);
      assert.deepEqual(listed.dayHours.map((entry) => [entry.masterName, entry.date, entry.intervals]), [["Boris", "2026-03-08", [{ start: 600, end: 840 }]]]);
      assert.equal((await owner.send("POST", `/api/booking/time-off/holidays/${holiday.body.id}/remove`)).status, 200);
      assert.equal((await owner.send("POST", "/api/booking/time-off/day-hours/clear", { masterId: ids.boris, date: "2026-03-08" })).status, 200);
      const after = (await owner.get<TimeOffList>("/api/booking/time-off")).body;
      assert.deepEqual([after.holidays, after.dayHours], [[], []]);

      const reversed = { masterId: ids.anna, from: "2026-03-10", to: "2026-03-09" };
      const refusedEn = await owner.send<{ error: string }>("POST", "/api/booking/time-off/days-off", reversed);
      assert.deepEqual([refusedEn.status, refusedEn.body.error], [400, "Please choose real days, the first not after the last."]);
      const refusedRu = await owner.send<{ error: string }>("POST", "/api/booking/time-off/days-off", reversed, { language: "ru" });
      assert.deepEqual([refusedRu.status, refusedRu.body.error], [400, "Выберите существующие дни, первый не позже последнего."]);
      const badClock = await owner.send<{ error: string }>("POST", "/api/booking/time-off/blocks", { masterId: ids.anna, date: "2026-03-10", from: "9am", to: "11:00" });
      assert.equal(badClock.status, 400);
      assert.match(badClock.body.error, /from/);
      const backwards = await owner.send<{ error: string }>("POST", "/api/booking/time-off/blocks", { masterId: ids.anna, date: "2026-03-10", from: "12:00", to: "11:00" });
      assert.deepEqual([backwards.status, backwards.body.error], [400, "Please choose a block that starts before it ends, has not already ended, and lasts at most 31 days."]);
      assert.deepEqual((await owner.get<TimeOffList>("/api/booking/time-off")).body.daysOff.filter((entry) => entry.from === "2026-03-10"), []);
    });
  });
}
