import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { RunningApp } from "../../../src/main.ts";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import type { ClientCard, ClientListing } from "../../../src/modules/booking/queries/client-cards.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../../support/app.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { signIn } from "../../support/signed-in-client.ts";
import { berlin, newClient, openSalon, pastBooking, type Salon } from "./salon.ts";

const ADMIN = 7101;
const MASTER = 7102;

for (const kind of databaseKinds) {
  describe(`client cards over HTTP on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let salon: Salon;
    let other: Salon;
    let ida: number;
    let jan: number;
    let kim: number;
    const db = () => app.database.db as unknown as Kysely<Tables>;
    const get = async <T>(path: string, as = ADMIN, language = "en") => (await signIn(app, as, { botId: salon.botId, language })).get<T>(path);
    const names = async (q: string) => (await get<{ clients: ClientListing[] }>(`/api/booking/clients?q=${encodeURIComponent(q)}`)).body.clients.map((client) => client.name);

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), undefined, { clock: { now: () => berlin(10, "12:00") } });
      salon = await openSalon(db());
      other = await openSalon(db());
      await db()
        .insertInto("role")
        .values([
          { bot_id: salon.botId, telegram_id: ADMIN, role: "admin", granted_by: null },
          { bot_id: salon.botId, telegram_id: MASTER, role: "master", granted_by: null },
        ])
        .execute();
      ida = await newClient(db(), salon, "Ida", 501, "+4915112345678");
      jan = await newClient(db(), salon, "Jan", null, "+4917000000001");
      kim = await newClient(db(), salon, "50%_Kim");
      const walkIn = await newClient(db(), salon, "Ida at the desk");
      await db().updateTable("booking_client").set({ merged_into: ida }).where("id", "=", walkIn).execute();
      await newClient(db(), other, "Ida elsewhere");
      const visit = { clientId: ida, masterId: salon.anna, serviceId: salon.haircut, priceMinor: 3000, durationMin: 60 };
      await pastBooking(db(), salon, { ...visit, start: new Date("2026-02-20T10:00:00+01:00"), status: "done" });
      await pastBooking(db(), salon, { ...visit, masterId: salon.boris, priceMinor: 3500, durationMin: 45, start: berlin(2, "10:00"), status: "done" });
      await pastBooking(db(), salon, { ...visit, start: berlin(3, "10:00"), status: "no_show" });
      await pastBooking(db(), salon, { ...visit, serviceId: salon.colouring, priceMinor: 8000, start: berlin(5, "10:00"), status: "cancelled", cancelledBy: "client" });
      await pastBooking(db(), salon, { ...visit, start: berlin(20, "10:00"), status: "confirmed" });
      await pastBooking(db(), salon, { ...visit, clientId: jan, start: berlin(4, "15:00"), status: "done" });
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("staff find a client by part of the name in any case, or by digits of the phone; merged records and other bots' clients stay out", async () => {
      assert.deepEqual(await names(""), ["50%_Kim", "Ida", "Jan"]);
      assert.deepEqual(await names("iDA"), ["Ida"]);
      assert.deepEqual(await names("151 1234"), ["Ida"]);
      assert.deepEqual(await names("+49 170"), ["Jan"]);
      assert.deepEqual(await names("%_"), ["50%_Kim"]);
      assert.deepEqual(await names("nobody"), []);
      const listed = (await get<{ clients: ClientListing[] }>("/api/booking/clients?q=Ida")).body.clients;
      assert.deepEqual(listed, [{ id: ida, name: "Ida", phone: "+4915112345678", telegramLinked: true, bookings: 5, lastVisitAt: berlin(2, "10:00").toISOString() }]);
    });

    test("a client's card: first and last visit, counts, money spent from the price snapshots, every booking with its status, latest first", async () => {
      const card = await get<ClientCard>(`/api/booking/clients/${ida}`);
      assert.equal(card.status, 200);
      const { since, bookings, ...figures } = card.body;
      assert.ok(!Number.isNaN(Date.parse(since)));
      assert.deepEqual(figures, {
        id: ida,
        name: "Ida",
        phone: "+4915112345678",
        note: null,
        telegramLinked: true,
        firstVisitAt: new Date("2026-02-20T09:00:00Z").toISOString(),
        lastVisitAt: berlin(2, "10:00").toISOString(),
        counts: { bookings: 5, done: 2, noShows: 1, cancelled: 1, upcoming: 1 },
        spent: [{ currency: "EUR", amountMinor: 6500 }],
      });
      assert.deepEqual(
        bookings.map((booking) => [booking.startsAt, booking.status, booking.cancelledBy, booking.serviceName, booking.masterName, booking.priceMinor]),
        [
          [berlin(20, "10:00").toISOString(), "confirmed", null, "Haircut", "Anna", 3000],
          [berlin(5, "10:00").toISOString(), "cancelled", "client", "Colouring", "Anna", 8000],
          [berlin(3, "10:00").toISOString(), "no_show", null, "Haircut", "Anna", 3000],
          [berlin(2, "10:00").toISOString(), "done", null, "Haircut", "Boris", 3500],
          [new Date("2026-02-20T09:00:00Z").toISOString(), "done", null, "Haircut", "Anna", 3000],
        ],
      );
      const phoneOnly = (await get<ClientCard>(`/api/booking/clients/${kim}`)).body;
      assert.deepEqual([phoneOnly.telegramLinked, phoneOnly.firstVisitAt, phoneOnly.counts.bookings, phoneOnly.spent, phoneOnly.bookings], [false, null, 0, [], []]);
    });

    test("staff correct a card's name and phone and keep a private note; a bad value or another client's phone is refused and changes nothing; the change is audited", async () => {
      const admin = await signIn(app, ADMIN, { botId: salon.botId });
      const saved = await admin.send<{ name: string; phone: string; note: string }>("PUT", `/api/booking/clients/${kim}`, { name: "  Kim   Lee ", phone: "0151 23456789", note: "Prefers Anna. Allergic to latex." });
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.body, { id: kim, name: "Kim Lee", phone: "+4915123456789", note: "Prefers Anna. Allergic to latex." });
      assert.equal((await get<ClientCard>(`/api/booking/clients/${kim}`)).body.note, "Prefers Anna. Allergic to latex.");
      const before = await db().selectFrom("booking_client").selectAll().where("id", "=", kim).executeTakeFirstOrThrow();
      const taken = await admin.send<{ error: string }>("PUT", `/api/booking/clients/${kim}`, { name: "Kim", phone: "+49 170 00000001" });
      assert.deepEqual([taken.status, taken.body.error], [409, "Another client has this phone number. If they are the same person, their records are merged when they share it in the bot."]);
      assert.equal((await admin.send("PUT", `/api/booking/clients/${kim}`, { name: " ", phone: "" })).status, 400);
      assert.equal((await admin.send("PUT", `/api/booking/clients/${kim}`, { name: "Kim", phone: "12" })).status, 400);
      assert.equal((await admin.send("PUT", `/api/booking/clients/${kim}`, { name: "Kim", note: "x".repeat(2001) })).status, 400);
      assert.deepEqual(await db().selectFrom("booking_client").selectAll().where("id", "=", kim).executeTakeFirstOrThrow(), before);
      const audit = await db().selectFrom("audit_log").select(["action", "actor_id"]).where("object_type", "=", "booking_client").where("object_id", "=", String(kim)).execute();
      assert.deepEqual(audit, [{ action: "booking.client.edit", actor_id: ADMIN }]);
    });

    test("from a card staff book the client themselves, and a visit is marked done or a no-show from the panel", async () => {
      const admin = await signIn(app, ADMIN, { botId: salon.botId });
      const booked = await admin.send<{ booking: { id: number; clientId: number } }>("POST", "/api/booking/bookings", { serviceId: salon.haircut, masterId: salon.anna, start: berlin(12, "10:00").toISOString(), clientId: jan });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      assert.equal(booked.body.booking.clientId, jan);
      const due = await pastBooking(db(), salon, { clientId: jan, masterId: salon.anna, serviceId: salon.haircut, priceMinor: 3000, durationMin: 60, start: berlin(9, "10:00"), status: "confirmed" });
      const early = await admin.send<{ error: string }>("POST", `/api/booking/bookings/${booked.body.booking.id}/mark`, { outcome: "done" });
      assert.equal(early.status, 409, "nobody has come to a visit that has not begun");
      const marked = await admin.send<{ booking: { status: string } }>("POST", `/api/booking/bookings/${due}/mark`, { outcome: "no_show" });
      assert.deepEqual([marked.status, marked.body.booking.status], [200, "no_show"]);
      assert.equal((await admin.send("POST", `/api/booking/bookings/${due}/mark`, { outcome: "done" })).status, 409, "a visit is marked once");
      assert.equal((await admin.send("POST", `/api/booking/bookings/${due}/mark`, { outcome: "late" })).status, 400);
      assert.equal((await (await signIn(app, MASTER, { botId: salon.botId })).send("POST", `/api/booking/bookings/${due}/mark`, { outcome: "done" })).status, 403);
    });

    test("a client of another bot, or none at all, is not found, in the reader's language; a master may not read cards", async () => {
      const foreign = await db().selectFrom("booking_client").select("id").where("bot_id", "=", other.botId).executeTakeFirstOrThrow();
      const en = await get<{ error: string }>(`/api/booking/clients/${foreign.id}`);
      assert.deepEqual([en.status, en.body.error], [404, "There is no such client."]);
      const ru = await get<{ error: string }>("/api/booking/clients/999999", ADMIN, "ru");
      assert.deepEqual([ru.status, ru.body.error], [404, "Такого клиента нет."]);
      assert.equal((await get(`/api/booking/clients/abc`)).status, 400);
      assert.equal((await get("/api/booking/clients?q=Ida", MASTER)).status, 403);
      assert.equal((await get(`/api/booking/clients/${ida}`, MASTER)).status, 403);
    });
  });
}
