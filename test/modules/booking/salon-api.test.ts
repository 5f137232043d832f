import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { RunningApp } from "../../../src/main.ts";
import { seedDemoSalon } from "../../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import type { SalonCatalogue } from "../../../src/modules/booking/queries/salon-catalogue.ts";
import type { FreeSlot } from "../../../src/modules/booking/views.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../../support/app.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { signIn, type SignedInClient } from "../../support/signed-in-client.ts";

/** Monday 2 March 2026, 08:00 in Berlin. */
const MONDAY_MORNING = new Date("2026-03-02T07:00:00Z");
const MASTER = 910_001;

type Refusal = { error: string; problems: { problem: string; text: string }[] };

for (const kind of databaseKinds) {
  describe(`the salon's catalogue over HTTP on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let owner: SignedInClient;
    let master: SignedInClient;
    const db = () => app.database.db as unknown as Kysely<Tables>;
    const salon = async () => (await owner.get<SalonCatalogue>("/api/booking/salon")).body;
    const idOf = async (kind: "services" | "masters", name: string) => {
      const found = (await salon())[kind].find((entry) => entry.name === name);
      assert.ok(found, `${name} is in the salon`);
      return found.id;
    };
    const auditCount = async () => (await db().selectFrom("audit_log").select("id").where("action", "like", "booking.%").execute()).length;

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), undefined, { clock: { now: () => MONDAY_MORNING } });
      await seedDemoSalon(app.database, "main");
      await db().insertInto("role").values({ bot_id: "main", telegram_id: MASTER, role: "master", granted_by: OWNER_ID }).execute();
      owner = await signIn(app, OWNER_ID);
      master = await signIn(app, MASTER);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("every salon route needs booking.manage: a master gets 403", async () => {
      assert.equal((await master.get("/api/booking/salon")).status, 403);
      for (const [method, path] of [
        ["POST", "/api/booking/locations"],
        ["PUT", "/api/booking/locations/1"],
        ["POST", "/api/booking/services/1/active"],
        ["PUT", "/api/booking/masters/1/hours"],
        ["PUT", "/api/booking/rules"],
      ] as const) {
        assert.equal((await master.send(method, path, {})).status, 403, `${method} ${path}`);
      }
    });

    test("the salon lists every location, service and master with their offers, hours and the rules", async () => {
      const body = await salon();
      assert.deepEqual(body.locations.map((location) => [location.name, location.timeZone, location.active]), [["Botyard Demo Salon", "Europe/Berlin", true]]);
      assert.deepEqual(body.services.map((service) => service.name), ["Haircut", "Colouring", "Manicure", "Yoga class"]);
      const boris = body.masters.find((entry) => entry.name === "Boris");
      assert.deepEqual(boris?.weekly[1], [{ start: 540, end: 780 }, { start: 840, end: 1140 }]);
      assert.equal(boris?.offers.length, 2);
      assert.equal(body.rules.minNoticeMin, 60);
    });

    test("a new price is what the calendar's catalogue shows, and new hours are what the engine offers", async () => {
      const haircut = await idOf("services", "Haircut");
      const boris = await idOf("masters", "Boris");
      const priced = await owner.send<{ service: { priceMinor: number } }>("PUT", `/api/booking/services/${haircut}`, { priceMinor: 4200 });
      assert.equal(priced.status, 200);
      assert.equal(priced.body.service.priceMinor, 4200);
      const catalogue = await owner.get<{ services: { id: number; priceMinor: number }[] }>("/api/booking/catalogue");
      assert.equal(catalogue.body.services.find((service) => service.id === haircut)?.priceMinor, 4200);

      const hours = await owner.send<{ master: { weekly: Record<string, unknown> }; outsideHours: unknown[] }>("PUT", `/api/booking/masters/${boris}/hours`, {
        weekly: { 2: [{ start: 600, end: 720 }, { start: 900, end: 960 }] },
      });
      assert.equal(hours.status, 200);
      assert.deepEqual(hours.body.outsideHours, []);
      const slots = await owner.get<{ slots: FreeSlot[] }>(`/api/booking/slots?service=${haircut}&master=${boris}&date=2026-03-03`);
      assert.deepEqual(
        slots.body.slots.map((slot) => slot.time),
        ["10:00", "10:30", "11:00", "15:00"],
      );
    });

    test("a master is created, given services and hours, linked to Telegram, and deactivated with their bookings listed", async () => {
      const { locations } = await salon();
      const manicure = await idOf("services", "Manicure");
      const created = await owner.send<{ master: { id: number } }>("POST", "/api/booking/masters", { name: "Dora", locationId: locations[0]?.id });
      assert.equal(created.status, 201);
      const dora = created.body.master.id;
      assert.equal((await owner.send("PUT", `/api/booking/masters/${dora}/services`, { offers: [{ serviceId: manicure, priceMinor: 2000 }] })).status, 200);
      assert.equal((await owner.send("PUT", `/api/booking/masters/${dora}/hours`, { weekly: { 3: [{ start: 600, end: 660 }] } })).status, 200);
      const linked = await owner.send<{ master: { telegramId: number } }>("PUT", `/api/booking/masters/${dora}/telegram`, { telegramId: 555_001 });
      assert.equal(linked.body.master.telegramId, 555_001);
      const slots = await owner.get<{ slots: FreeSlot[] }>(`/api/booking/slots?service=${manicure}&master=${dora}&date=2026-03-04`);
      const first = slots.body.slots[0];
      assert.equal(first?.time, "10:00");
      const booked = await owner.send<{ booking: { id: number; priceMinor: number } }>("POST", "/api/booking/bookings", {
        serviceId: manicure,
        masterId: dora,
        start: first.start,
        name: "Gina",
        phone: "+4915100000077",
      });
      assert.equal(booked.body.booking.priceMinor, 2000);
      const stopped = await owner.send<{ master: { active: boolean }; upcoming: { id: number }[] }>("POST", `/api/booking/masters/${dora}/active`, { active: false });
      assert.equal(stopped.status, 200);
      assert.equal(stopped.body.master.active, false);
      assert.deepEqual(
        stopped.body.upcoming.map((booking) => booking.id),
        [booked.body.booking.id],
      );
    });

    test("linking an account says whether its person holds the master role; the people route's grant gives it, and the master is told", async () => {
      const clara = await idOf("masters", "Clara");
      const newcomer = 555_002;
      const linked = await owner.send<{ holdsMasterRole: boolean }>("PUT", `/api/booking/masters/${clara}/telegram`, { telegramId: newcomer });
      assert.equal(linked.status, 200);
      assert.equal(linked.body.holdsMasterRole, false);

      const granted = await owner.send("POST", `/api/people/${newcomer}/roles`, { role: "master" });
      assert.equal(granted.status, 200);
      const roles = await db().selectFrom("role").select("role").where("bot_id", "=", "main").where("telegram_id", "=", newcomer).execute();
      assert.deepEqual(roles.map((row) => row.role), ["master"]);
      const told = await db().selectFrom("outbox").select("payload").where("chat_id", "=", newcomer).execute();
      assert.ok(told.some((row) => JSON.stringify(row.payload).includes("You are Clara in the salon's schedule now")), "the new master hears their schedule is theirs");
      assert.equal((await owner.send("POST", `/api/people/${newcomer}/roles`, { role: "master" })).status, 409, "granting it twice changes nothing");

      const unlinked = await owner.send<{ holdsMasterRole: boolean }>("PUT", `/api/booking/masters/${clara}/telegram`, { telegramId: null });
      assert.equal(unlinked.body.holdsMasterRole, false);
      const relinked = await owner.send<{ holdsMasterRole: boolean }>("PUT", `/api/booking/masters/${clara}/telegram`, { telegramId: newcomer });
      assert.equal(relinked.body.holdsMasterRole, true);
    });

    test("a location is opened, edited, and closed only once nobody works there", async () => {
      const opened = await owner.send<{ location: { id: number; active: boolean } }>("POST", "/api/booking/locations", { name: "Annex", timeZone: "Europe/Berlin" });
      assert.equal(opened.status, 201);
      const annex = opened.body.location.id;
      const edited = await owner.send<{ location: { timeZone: string; address: string } }>("PUT", `/api/booking/locations/${annex}`, { name: "Annex", address: "Hof 2", timeZone: "Europe/Vienna" });
      assert.deepEqual([edited.body.location.timeZone, edited.body.location.address], ["Europe/Vienna", "Hof 2"]);
      const emil = await owner.send<{ master: { id: number } }>("POST", "/api/booking/masters", { name: "Emil", locationId: annex });
      const busy = await owner.send<Refusal>("POST", `/api/booking/locations/${annex}/active`, { active: false }, { language: "ru" });
      assert.equal(busy.status, 409);
      assert.equal(busy.body.error, "В этом филиале ещё работают мастера. Сначала деактивируйте или переведите их.");
      await owner.send("POST", `/api/booking/masters/${emil.body.master.id}/active`, { active: false });
      const closed = await owner.send<{ location: { active: boolean } }>("POST", `/api/booking/locations/${annex}/active`, { active: false });
      assert.equal(closed.body.location.active, false);
    });

    test("rules changed over HTTP move what clients may book", async () => {
      const changed = await owner.send<{ rules: { horizonDays: number; reminderOffsetsMin: number[] } }>("PUT", "/api/booking/rules", { horizonDays: 14, reminderOffsetsMin: [180] });
      assert.equal(changed.status, 200);
      assert.deepEqual([changed.body.rules.horizonDays, changed.body.rules.reminderOffsetsMin], [14, [180]]);
      assert.equal((await salon()).rules.horizonDays, 14);
    });

    test("bad values are refused in the reader's language, naming each problem, and change nothing", async () => {
      const haircut = await idOf("services", "Haircut");
      const before = { salon: await salon(), audits: await auditCount() };
      const en = await owner.send<Refusal>("PUT", `/api/booking/services/${haircut}`, { durationMin: 2, prepaymentMinor: 999_999 });
      assert.equal(en.status, 400);
      assert.deepEqual(
        en.body.problems.map((problem) => problem.problem),
        ["duration-out-of-range", "prepayment-invalid"],
      );
      assert.equal(en.body.error, "The duration must be a whole number of minutes from 5 to 480. The prepayment must be more than 0 and at most the price.");
      const ru = await owner.send<Refusal>("PUT", "/api/booking/masters/1/hours", { weekly: { 1: [{ start: 600, end: 700 }, { start: 650, end: 800 }] } }, { language: "ru" });
      assert.equal(ru.status, 400);
      assert.equal(ru.body.error, "Понедельник: интервалы пересекаются. Оставьте между ними перерыв или объедините их.");
      const zone = await owner.send<Refusal>("POST", "/api/booking/locations", { name: "Moon", timeZone: "Moon/Base" }, { language: "ru" });
      assert.equal(zone.body.error, "Такой часовой пояс неизвестен. Укажите пояс IANA, например Europe/Moscow.");
      const unknown = await owner.send<Refusal>("PUT", "/api/booking/services/999999", { priceMinor: 1 });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error, "There is no such service.");
      const money = await owner.send<Refusal>("PUT", `/api/booking/services/${haircut}`, { priceMinor: 9_999_999_999_900, currency: "XYZ" }, { language: "ru" });
      assert.equal(money.status, 400);
      assert.equal(money.body.error, "Цена — от 0 до 100 000 000 в валюте услуги, без лишних знаков после запятой. Валюта — код ISO 4217, например RUB, UZS или EUR.");
      const shape = await owner.send<Refusal>("PUT", "/api/booking/rules", { horizonDays: "soon" }, { language: "ru" });
      assert.equal(shape.status, 400);
      assert.match(shape.body.error, /horizonDays/);
      assert.deepEqual({ salon: await salon(), audits: await auditCount() }, before);
    });
  });
}
