import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { RunningApp } from "../../../src/main.ts";
import { bookingMigrations } from "../../../src/modules/booking/module.ts";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import { allClients, clientsOfService, inactiveClients } from "../../../src/modules/booking/segments.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../../support/app.ts";
import { databaseKinds, migratedDatabase, type TestDatabase } from "../../support/databases.ts";
import { signIn } from "../../support/signed-in-client.ts";
import { eventually } from "../../support/telegram-user.ts";
import { NOW, newClient, openSalon, pastBooking, type Salon } from "./salon.ts";

const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY);

const ADA = 601;
const BEA = 602;
const DAN = 603;
const EVE = 604;
const GUS = 606;
const OTTO = 607;

/**
 * Ada had a haircut 100 days ago; Bea a colouring 10 days ago; Cem (phone only) a haircut 100
 * days ago; Dan cancelled a haircut 5 days ago; Eve booked a haircut 40 days ago for 5 days
 * ahead; Gus missed a yoga class 10 days ago; Otto is a client of another salon.
 */
async function clientsOfTwoSalons(db: Kysely<Tables>): Promise<{ salon: Salon; other: Salon }> {
  const salon = await openSalon(db);
  const other = await openSalon(db);
  const visit = (clientId: number, serviceId: number, start: Date, status: Tables["booking"]["status"], extra: { createdAt?: Date; cancelledBy?: "client" } = {}) =>
    pastBooking(db, salon, { clientId, masterId: salon.anna, serviceId, start, status, priceMinor: 3000, durationMin: 60, ...extra });
  await visit(await newClient(db, salon, "Ada", ADA), salon.haircut, daysFromNow(-100), "done");
  await visit(await newClient(db, salon, "Bea", BEA), salon.colouring, daysFromNow(-10), "done");
  await visit(await newClient(db, salon, "Cem", null, "+4915100000777"), salon.haircut, daysFromNow(-100), "done");
  await visit(await newClient(db, salon, "Dan", DAN), salon.haircut, daysFromNow(-5), "cancelled", { cancelledBy: "client", createdAt: daysFromNow(-60) });
  await visit(await newClient(db, salon, "Eve", EVE), salon.haircut, daysFromNow(5), "confirmed", { createdAt: daysFromNow(-40) });
  await visit(await newClient(db, salon, "Gus", GUS), salon.yoga, daysFromNow(-10), "no_show");
  await pastBooking(db, other, { clientId: await newClient(db, other, "Otto", OTTO), masterId: other.anna, serviceId: other.haircut, start: daysFromNow(-100), status: "done", priceMinor: 3000, durationMin: 60 });
  return { salon, other };
}

for (const kind of databaseKinds) {
  describe(`booking broadcast audiences on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, bookingMigrations);
    let salon: Salon;
    const db = () => suite.database.db;

    before(async () => {
      ({ salon } = await clientsOfTwoSalons(suite.database.db));
    });

    test("all clients: those with a Telegram account, of this salon only", async () => {
      assert.deepEqual(await allClients.audience(db(), salon.botId, {}, NOW), [ADA, BEA, DAN, EVE, GUS]);
    });

    test("by service: whoever ever booked it, whatever became of the booking", async () => {
      assert.deepEqual(await clientsOfService.audience(db(), salon.botId, { service: String(salon.haircut) }, NOW), [ADA, DAN, EVE]);
      assert.deepEqual(await clientsOfService.audience(db(), salon.botId, { service: String(salon.colouring) }, NOW), [BEA]);
      assert.deepEqual(await clientsOfService.audience(db(), salon.botId, { service: String(salon.yoga) }, NOW), [GUS]);
    });

    test("the service to choose from is one of the salon's own", async () => {
      const param = clientsOfService.params?.[0];
      assert.ok(param?.kind === "choice");
      assert.deepEqual(await param.options(db(), salon.botId), [
        { value: String(salon.colouring), label: "Colouring" },
        { value: String(salon.haircut), label: "Haircut" },
        { value: String(salon.yoga), label: "Yoga" },
      ]);
    });

    test("inactive N days: no visit done, missed or coming in them; a cancelled booking is no visit", async () => {
      assert.deepEqual(await inactiveClients.audience(db(), salon.botId, { days: 30 }, NOW), [ADA, DAN]);
      assert.deepEqual(await inactiveClients.audience(db(), salon.botId, { days: 5 }, NOW), [ADA, BEA, DAN, GUS]);
      assert.deepEqual(await inactiveClients.audience(db(), salon.botId, { days: 365 }, NOW), [DAN]);
    });
  });

  describe(`booking audiences in the panel's broadcasts on ${kind.name}`, { skip: kind.skip }, () => {
    const ADMIN = 7201;
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let salon: Salon;
    let other: Salon;
    const get = async <T>(path: string, language = "en") => (await signIn(app, ADMIN, { botId: salon.botId, language })).get<T>(path);

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), undefined, { clock: { now: () => NOW } });
      ({ salon, other } = await clientsOfTwoSalons(app.database.db));
      await app.database.db.insertInto("role").values({ bot_id: salon.botId, telegram_id: ADMIN, role: "admin", granted_by: null }).execute();
      // The salon's bot row came after the app started: its settings load on the next poll.
      await eventually(async () => (await get("/api/broadcasts/segments")).status === 200, "the app to load the salon's settings");
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("the segments list offers the salon's services to choose from, and the audience is counted by the app's clock", async () => {
      type Offer = { name: string; label: string; params: { name: string; kind: string; options?: { value: string; label: string }[] }[] };
      const { segments } = (await get<{ segments: Offer[] }>("/api/broadcasts/segments")).body;
      const byService = segments.find((segment) => segment.name === "booking-service");
      assert.deepEqual(byService?.params, [
        {
          name: "service",
          kind: "choice",
          label: "Service",
          options: [
            { value: String(salon.colouring), label: "Colouring" },
            { value: String(salon.haircut), label: "Haircut" },
            { value: String(salon.yoga), label: "Yoga" },
          ],
        },
      ]);
      assert.equal(segments.find((segment) => segment.name === "booking-inactive")?.label, "Booking clients without a visit for N days");
      assert.deepEqual((await get(`/api/broadcasts/audience?segment=booking-service&service=${salon.haircut}`)).body, { people: 3, blocked: 0 });
      assert.deepEqual((await get("/api/broadcasts/audience?segment=booking-inactive&days=30")).body, { people: 2, blocked: 0 });
      assert.deepEqual((await get("/api/broadcasts/audience?segment=booking-clients")).body, { people: 5, blocked: 0 });
    });

    test("another salon's service is not a choice: refused in the reader's language, and no broadcast is stored", async () => {
      const en = await get<{ error: string }>(`/api/broadcasts/audience?segment=booking-service&service=${other.haircut}`);
      assert.deepEqual([en.status, en.body.error], [400, "Choose one of the options this audience offers."]);
      const ru = await get<{ error: string }>(`/api/broadcasts/audience?segment=booking-service&service=${other.haircut}`, "ru");
      assert.deepEqual([ru.status, ru.body.error], [400, "Выберите один из вариантов, которые предлагает эта аудитория."]);
      const session = await signIn(app, ADMIN, { botId: salon.botId });
      const created = await session.send("POST", "/api/broadcasts", { text: "Hello", segment: "booking-service", params: { service: String(other.haircut) } });
      assert.equal(created.status, 400);
      assert.equal((await app.database.db.selectFrom("broadcast").select("id").execute()).length, 0);
    });
  });
}
