import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { RunningApp } from "../../../src/main.ts";
import { seedDemoSalon } from "../../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import type { FreeSlot } from "../../../src/modules/booking/views.ts";
import type { StaffBooking } from "../../../src/modules/booking/queries/staff-calendar.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../../support/app.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { signIn, type SignedInClient } from "../../support/signed-in-client.ts";
import { TelegramUser } from "../../support/telegram-user.ts";

/** Monday 2 March 2026, 08:00 in Berlin. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");

for (const kind of databaseKinds) {
  describe(`the booking calendar API on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let anna: TelegramUser;
    let ownerSession: SignedInClient;
    let masterSession: SignedInClient;
    let ids: { anna: number; boris: number; clara: number; haircut: number; manicure: number };
    const clock = { now: () => MONDAY_MORNING };
    const db = () => app.database.db as unknown as Kysely<Tables>;

    const sessionOf = (telegramId: number) => signIn(app, telegramId);
    const call = async <T = Record<string, unknown>>(method: "GET" | "POST", path: string, options: { session?: SignedInClient; body?: unknown; language?: string } = {}) => {
      const session = options.session ?? ownerSession;
      const { status, body } = method === "GET" ? await session.get<T>(path, options) : await session.send<T>(method, path, options.body, options);
      return { status, body };
    };
    const bookingCount = async () => (await db().selectFrom("booking").select("id").execute()).length;
    const slotsOf = async (query: string) => (await call<{ slots: FreeSlot[] }>("GET", `/api/booking/slots?${query}`)).body.slots;
    const outboxTo = async (chatId: number) =>
      (await db().selectFrom("outbox").select("payload").where("chat_id", "=", chatId).orderBy("id").execute()).map((row) => String((row.payload as { text?: string }).text));

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      anna = new TelegramUser(emulator.control, { first_name: "Anna", language_code: "en" });
      app = await startAppInProcess(appEnv(emulator.url, database), undefined, { clock });
      await seedDemoSalon(app.database, "main", { masterTelegramId: anna.id });
      await db().insertInto("role").values({ bot_id: "main", telegram_id: anna.id, role: "master", granted_by: OWNER_ID }).execute();
      const idOf = async (table: "booking_master" | "booking_service", name: string) => {
        const query = table === "booking_master" ? db().selectFrom("booking_master").select("id").where("display_name", "=", name) : db().selectFrom("booking_service").select("id").where("name", "=", name);
        return (await query.executeTakeFirstOrThrow()).id;
      };
      ids = {
        anna: await idOf("booking_master", "Anna"),
        boris: await idOf("booking_master", "Boris"),
        clara: await idOf("booking_master", "Clara"),
        haircut: await idOf("booking_service", "Haircut"),
        manicure: await idOf("booking_service", "Manicure"),
      };
      ownerSession = await sessionOf(OWNER_ID);
      masterSession = await sessionOf(anna.id);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("every calendar route needs booking.manage: a master gets 403, nobody signed in 401", async () => {
      for (const [method, path] of [
        ["GET", "/api/booking/calendar?from=2026-03-02&to=2026-03-02"],
        ["GET", "/api/booking/catalogue"],
        ["GET", "/api/booking/slots?service=1&date=2026-03-03"],
        ["POST", "/api/booking/bookings"],
        ["POST", "/api/booking/bookings/1/cancel"],
        ["POST", "/api/booking/bookings/1/move"],
      ] as const) {
        assert.equal((await call(method, path, { session: masterSession, body: method === "POST" ? {} : undefined })).status, 403, `${method} ${path}`);
        assert.equal((await fetch(`${app.url}${path}`, { method })).status, 401, `${method} ${path} without a session`);
      }
    });

    test("the catalogue lists the location, the services and who offers each", async () => {
      const { status, body } = await call<{ locations: { name: string; timeZone: string }[]; services: { id: number; name: string }[]; masters: { id: number; name: string; serviceIds: number[] }[] }>(
        "GET",
        "/api/booking/catalogue",
      );
      assert.equal(status, 200);
      assert.deepEqual(body.locations.map((location) => [location.name, location.timeZone]), [["Botyard Demo Salon", "Europe/Berlin"]]);
      assert.deepEqual(body.services.map((service) => service.name), ["Haircut", "Colouring", "Manicure", "Yoga class"]);
      assert.deepEqual(body.masters.find((master) => master.name === "Boris")?.serviceIds.sort(), [ids.haircut, ids.manicure].sort());
    });

    test("staff book a phone-only walk-in into a free time; the master is told, the time is no longer free, and it is audited", async () => {
      const before = await slotsOf(`service=${ids.haircut}&master=${ids.anna}&date=2026-03-03`);
      const slot = before.find((candidate) => candidate.time === "10:00");
      assert.ok(slot, "10:00 is free on Tuesday");
      const { status, body } = await call<{ booking: { id: number; status: string; masterId: number } }>("POST", "/api/booking/bookings", {
        body: { serviceId: ids.haircut, masterId: ids.anna, start: slot.start, name: "Walk-in Wanda", phone: "+49 151 000 00001" },
      });
      assert.equal(status, 201);
      assert.equal(body.booking.status, "confirmed");
      const stored = await db()
        .selectFrom("booking")
        .innerJoin("booking_client", "booking_client.id", "booking.client_id")
        .select(["booking_client.name", "booking_client.phone", "booking_client.telegram_id", "booking.created_via"])
        .where("booking.id", "=", body.booking.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(stored, { name: "Walk-in Wanda", phone: "+4915100000001", telegram_id: null, created_via: "web" });
      assert.ok(!(await slotsOf(`service=${ids.haircut}&master=${ids.anna}&date=2026-03-03`)).some((candidate) => candidate.time === "10:00"));
      assert.ok((await outboxTo(anna.id)).some((text) => text.startsWith("New booking: Haircut") && text.includes("Walk-in Wanda, +4915100000001")));
      const audit = await db().selectFrom("audit_log").select(["action", "actor_id", "source"]).where("object_id", "=", String(body.booking.id)).execute();
      assert.deepEqual(audit, [{ action: "booking.admin-book", actor_id: OWNER_ID, source: "web" }]);
    });

    test("bad input gets 400 with a clear message and books nothing", async () => {
      const [slot] = await slotsOf(`service=${ids.haircut}&master=${ids.boris}&date=2026-03-04`);
      assert.ok(slot);
      const count = await bookingCount();
      const attempt = (body: Record<string, unknown>, language = "en") =>
        call<{ error: string }>("POST", "/api/booking/bookings", { body: { serviceId: ids.haircut, masterId: ids.boris, start: slot.start, name: "Pia", phone: "+4915100000002", ...body }, language });
      assert.deepEqual(await attempt({ phone: "12" }), { status: 400, body: { error: "Please give the client's phone in international form, like +49 151 1234567." } });
      assert.deepEqual(await attempt({ name: "  " }), { status: 400, body: { error: "Please give the client's name." } });
      assert.equal((await attempt({ start: "tomorrow" })).status, 400);
      assert.match((await attempt({ start: "tomorrow" })).body.error, /start/);
      assert.deepEqual(await attempt({ masterId: ids.clara }), { status: 400, body: { error: "That master does not offer that service." } });
      assert.deepEqual(await attempt({ start: "2026-03-04T03:00:00Z" }), { status: 400, body: { error: "That time is outside the master's working hours." } });
      assert.deepEqual(await attempt({ start: "2026-03-01T09:00:00Z" }, "ru"), { status: 400, body: { error: "Это время уже прошло." } });
      assert.equal(await bookingCount(), count, "nothing was booked");
      assert.equal((await call("GET", "/api/booking/slots?service=x&date=2026-03-04")).status, 400);
      assert.equal((await call("GET", "/api/booking/calendar?from=2026-03-05&to=2026-03-01")).status, 400);
      assert.equal((await call("GET", "/api/booking/calendar?from=2026-03-01&to=2026-06-01")).status, 400);
    });

    test("a time taken meanwhile is refused with 409 and the next free times", async () => {
      const [slot] = await slotsOf(`service=${ids.haircut}&master=${ids.boris}&date=2026-03-05`);
      assert.ok(slot);
      const body = { serviceId: ids.haircut, masterId: ids.boris, start: slot.start, name: "First", phone: "+4915100000003" };
      assert.equal((await call("POST", "/api/booking/bookings", { body })).status, 201);
      const second = await call<{ error: string; nextFree: FreeSlot[] }>("POST", "/api/booking/bookings", { body: { ...body, name: "Second", phone: "+4915100000004" } });
      assert.equal(second.status, 409);
      assert.equal(second.body.error, "That time was just taken. Please choose another free time.");
      assert.ok(second.body.nextFree.length > 0);
    });

    test("the calendar of a day has each master's working hours and the bookings with client, service and status", async () => {
      const { status, body } = await call<{
        timeZone: string;
        masters: { id: number; name: string }[];
        workingHours: { masterId: number; date: string; intervals: { start: number; end: number }[] }[];
        bookings: StaffBooking[];
      }>("GET", "/api/booking/calendar?from=2026-03-03&to=2026-03-03");
      assert.equal(status, 200);
      assert.equal(body.timeZone, "Europe/Berlin");
      assert.deepEqual(body.masters.map((master) => master.name), ["Anna", "Boris", "Clara"]);
      assert.deepEqual(body.workingHours.find((day) => day.masterId === ids.anna)?.intervals, [
        { start: 540, end: 780 },
        { start: 840, end: 1140 },
      ]);
      assert.deepEqual(
        body.bookings.map((booking) => [booking.clientName, booking.serviceName, booking.masterName, booking.status, booking.startsAt]),
        [["Walk-in Wanda", "Haircut", "Anna", "confirmed", "2026-03-03T09:00:00.000Z"]],
      );
      const ofBoris = await call<{ bookings: StaffBooking[]; masters: unknown[] }>("GET", `/api/booking/calendar?from=2026-03-02&to=2026-03-08&master=${ids.boris}`);
      assert.deepEqual(ofBoris.body.masters, [{ id: ids.boris, name: "Boris" }]);
      assert.ok(ofBoris.body.bookings.length > 0 && ofBoris.body.bookings.every((booking) => booking.masterName === "Boris"));
    });

    test("a second location has its own calendar: asked for by location, or derived from one of its masters", async () => {
      const { id: harbour } = await db()
        .insertInto("booking_location")
        .values({ bot_id: "main", name: "Harbour", address: "Kai 2", time_zone: "Europe/Lisbon" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: dora } = await db().insertInto("booking_master").values({ bot_id: "main", location_id: harbour, display_name: "Dora", telegram_id: null }).returning("id").executeTakeFirstOrThrow();
      await db().insertInto("booking_weekly_hours").values({ master_id: dora, weekday: 3, start_min: 600, end_min: 1080 }).execute();
      await db().insertInto("booking_master_service").values({ master_id: dora, service_id: ids.haircut, duration_min: null, price_minor: null }).execute();
      const [slot] = await slotsOf(`service=${ids.haircut}&master=${dora}&date=2026-03-11`);
      assert.ok(slot, "Dora works on Wednesday");
      const booked = await call<{ booking: { id: number } }>("POST", "/api/booking/bookings", { body: { serviceId: ids.haircut, masterId: dora, start: slot.start, name: "Harbour Hanna", phone: "+4915100000088" } });
      assert.equal(booked.status, 201);

      type Answer = { locationId: number; timeZone: string; masters: { id: number; name: string }[]; bookings: StaffBooking[]; workingHours: { masterId: number }[] };
      const byLocation = await call<Answer>("GET", `/api/booking/calendar?from=2026-03-11&to=2026-03-11&location=${harbour}`);
      assert.equal(byLocation.status, 200);
      assert.deepEqual(
        [byLocation.body.locationId, byLocation.body.timeZone, byLocation.body.masters, byLocation.body.bookings.map((booking) => booking.clientName)],
        [harbour, "Europe/Lisbon", [{ id: dora, name: "Dora" }], ["Harbour Hanna"]],
      );
      const byMaster = await call<Answer>("GET", `/api/booking/calendar?from=2026-03-11&to=2026-03-11&master=${dora}`);
      assert.deepEqual(
        [byMaster.body.locationId, byMaster.body.timeZone, byMaster.body.masters, byMaster.body.bookings.map((booking) => booking.clientName)],
        [harbour, "Europe/Lisbon", [{ id: dora, name: "Dora" }], ["Harbour Hanna"]],
        "a master of the second location, without location=",
      );
      assert.ok(byMaster.body.workingHours.every((day) => day.masterId === dora));
      const unasked = await call<Answer>("GET", "/api/booking/calendar?from=2026-03-11&to=2026-03-11");
      assert.deepEqual(unasked.body.masters.map((master) => master.name), ["Anna", "Boris", "Clara"], "without either, the first location as before");
      assert.ok(!unasked.body.bookings.some((booking) => booking.clientName === "Harbour Hanna"));
      const catalogue = await call<{ locations: { id: number; name: string }[]; masters: { id: number; locationId: number }[] }>("GET", "/api/booking/catalogue");
      assert.deepEqual(catalogue.body.locations.map((location) => location.name), ["Botyard Demo Salon", "Harbour"]);
      assert.equal(catalogue.body.masters.find((master) => master.id === dora)?.locationId, harbour);
    });

    test("a client who uses the bot, booked by their phone at the desk, is told of the booking, the move and the cancellation", async () => {
      const tina = 555_001;
      await db().insertInto("booking_client").values({ bot_id: "main", telegram_id: tina, name: "Tina", phone: "+4915100000077" }).execute();
      const [slot, later] = await slotsOf(`service=${ids.haircut}&master=${ids.boris}&date=2026-03-10`);
      assert.ok(slot && later);
      const booked = await call<{ booking: { id: number } }>("POST", "/api/booking/bookings", {
        body: { serviceId: ids.haircut, masterId: ids.boris, start: slot.start, name: "Tina at the desk", phone: "+4915100000077" },
      });
      assert.equal(booked.status, 201);
      const bookingId = booked.body.booking.id;
      assert.equal((await call("POST", `/api/booking/bookings/${bookingId}/move`, { body: { start: later.start } })).status, 200);
      assert.equal((await call("POST", `/api/booking/bookings/${bookingId}/cancel`)).status, 200);
      const told = await outboxTo(tina);
      assert.equal(told.length, 3);
      assert.match(told[0] ?? "", /^You are booked: Haircut with Boris, Tue, March 10, 2026 at 09:00 \(Botyard Demo Salon\)/);
      assert.match(told[1] ?? "", /^Your booking was moved by the salon: Haircut with Boris, now Tue, March 10, 2026 at 09:30/);
      assert.match(told[2] ?? "", /^Your booking was cancelled by the salon: Haircut with Boris, Tue, March 10, 2026 at 09:30/);
    });

    test("staff move a booking to another free time and master, then cancel it; the masters are told; a final booking cannot change", async () => {
      const [slot] = await slotsOf(`service=${ids.haircut}&master=${ids.anna}&date=2026-03-06`);
      assert.ok(slot);
      const booked = await call<{ booking: { id: number } }>("POST", "/api/booking/bookings", {
        body: { serviceId: ids.haircut, masterId: ids.anna, start: slot.start, name: "Mover Max", phone: "+4915100000005" },
      });
      const bookingId = booked.body.booking.id;
      const [later] = await slotsOf(`service=${ids.haircut}&master=${ids.boris}&date=2026-03-07`);
      assert.ok(later);
      assert.equal((await call("POST", `/api/booking/bookings/${bookingId}/move`, { body: { start: "2026-02-01T09:00:00Z" } })).status, 400, "into the past");
      const moved = await call<{ booking: { startsAt: string; masterId: number } }>("POST", `/api/booking/bookings/${bookingId}/move`, { body: { start: later.start, masterId: ids.boris } });
      assert.equal(moved.status, 200);
      assert.deepEqual([moved.body.booking.startsAt, moved.body.booking.masterId], [later.start, ids.boris]);
      assert.ok((await outboxTo(anna.id)).some((text) => text.startsWith("Booking moved to Boris: Haircut") && text.includes("Mover Max")), "Anna hears the visit moved to Boris");

      const cancelled = await call<{ booking: { status: string; cancelledBy: string } }>("POST", `/api/booking/bookings/${bookingId}/cancel`);
      assert.deepEqual([cancelled.status, cancelled.body.booking.status, cancelled.body.booking.cancelledBy], [200, "cancelled", "staff"]);
      const again = await call<{ error: string }>("POST", `/api/booking/bookings/${bookingId}/cancel`);
      assert.deepEqual(again, { status: 409, body: { error: "This booking is already done, missed or cancelled: it cannot be changed." } });
      assert.equal((await call("POST", "/api/booking/bookings/999999/cancel")).status, 404);
      const history = await db().selectFrom("booking_history").select("event").where("booking_id", "=", bookingId).orderBy("id").execute();
      assert.deepEqual(history.map((row) => row.event), ["booked", "rescheduled", "cancelled"]);
    });
  });
}
