import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { RunningApp } from "../../../src/main.ts";
import type { Tables } from "../../../src/modules/booking/tables.ts";
import type { AnalyticsAnswer } from "../../../src/modules/booking/queries/analytics.ts";
import type { BotApiEmulator } from "../../../src/sandbox/emulator.ts";
import { appEnv, startAppInProcess, startEmulator, shippedMigrations } from "../../support/app.ts";
import { databaseKinds, type TestDatabase } from "../../support/databases.ts";
import { signIn } from "../../support/signed-in-client.ts";
import { berlin, newClient, openSalon, pastBooking, type Salon } from "./salon.ts";

const ADMIN = 7001;
const MASTER = 7002;
const WEEK = "from=2026-03-02&to=2026-03-08";

for (const kind of databaseKinds) {
  describe(`booking analytics over HTTP on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let salon: Salon;
    const db = () => app.database.db as unknown as Kysely<Tables>;
    const get = async <T = AnalyticsAnswer>(path: string, as = ADMIN, language = "en") => (await signIn(app, as, { botId: salon.botId, language })).get<T>(path);

    before(async () => {
      database = await kind.fresh(shippedMigrations);
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database));
      salon = await openSalon(db());
      await db()
        .insertInto("role")
        .values([
          { bot_id: salon.botId, telegram_id: ADMIN, role: "admin", granted_by: null },
          { bot_id: salon.botId, telegram_id: MASTER, role: "master", granted_by: null },
        ])
        .execute();
      const { id: evil } = await db()
        .insertInto("booking_service")
        .values({ bot_id: salon.botId, name: '=HYPERLINK("http://evil.example")', description: null, duration_min: 60, price_minor: 1000, currency: "EUR", prepayment_minor: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      const ida = await newClient(db(), salon, "Ida");
      const jan = await newClient(db(), salon, "Jan");
      const kim = await newClient(db(), salon, "Kim");
      await pastBooking(db(), salon, { clientId: ida, masterId: salon.anna, serviceId: salon.haircut, start: new Date("2026-02-20T10:00:00+01:00"), status: "done", priceMinor: 3000, durationMin: 60 });
      await pastBooking(db(), salon, { clientId: ida, masterId: salon.anna, serviceId: salon.haircut, start: berlin(2, "10:00"), status: "done", priceMinor: 3000, durationMin: 60 });
      await pastBooking(db(), salon, { clientId: jan, masterId: salon.anna, serviceId: salon.haircut, start: berlin(3, "10:00"), status: "no_show", priceMinor: 3000, durationMin: 60 });
      await pastBooking(db(), salon, { clientId: ida, masterId: salon.boris, serviceId: salon.haircut, start: berlin(4, "10:00"), status: "done", priceMinor: 3500, durationMin: 45 });
      await pastBooking(db(), salon, { clientId: kim, masterId: salon.anna, serviceId: salon.colouring, start: berlin(5, "10:00"), status: "cancelled", cancelledBy: "client", priceMinor: 8000, durationMin: 90 });
      await pastBooking(db(), salon, { clientId: kim, masterId: salon.anna, serviceId: evil, start: berlin(6, "11:00"), status: "cancelled", cancelledBy: "staff", priceMinor: 1000, durationMin: 60 });
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    test("a week's figures from the database: revenue from the price snapshots of visits done, occupancy against the masters' hours", async () => {
      const answer = await get(`/api/booking/analytics?${WEEK}&by=master`);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body.total, {
        bookings: 5,
        done: 2,
        noShows: 1,
        cancelled: { total: 2, byClient: 1, byStaff: 1, holdExpired: 0 },
        noShowRate: 1 / 3,
        cancellationRate: 2 / 5,
        revenue: [{ currency: "EUR", amountMinor: 6500 }],
        bookedMinutes: 165,
        workingMinutes: 2 * 6 * 480,
        occupancy: 165 / 5760,
        clients: 2,
        returningClients: 1,
        returningShare: 1 / 2,
      });
      assert.deepEqual(
        answer.body.groups.map((group) => [group.name, group.bookings, group.revenue, group.workingMinutes, group.occupancy, group.returningClients]),
        [
          ["Anna", 4, [{ currency: "EUR", amountMinor: 3000 }], 2880, 120 / 2880, 1],
          ["Boris", 1, [{ currency: "EUR", amountMinor: 3500 }], 2880, 45 / 2880, 1],
          ["Clara", 0, [], 0, null, 0],
        ],
      );
      const byService = await get(`/api/booking/analytics?${WEEK}&by=service`);
      assert.deepEqual(
        byService.body.groups.map((group) => [group.name, group.bookings, group.done]),
        [
          ["Haircut", 3, 2],
          ["Colouring", 1, 0],
          ['=HYPERLINK("http://evil.example")', 1, 0],
        ],
      );
      const byLocation = await get(`/api/booking/analytics?${WEEK}&by=location`);
      assert.deepEqual(byLocation.body.groups.map((group) => [group.name, group.bookings, group.workingMinutes]), [["Mitte", 5, 5760]]);
    });

    test("each day of the week has its figures, the same whatever the groups are: bookings, revenue and occupancy of that day", async () => {
      const answer = await get(`/api/booking/analytics?${WEEK}&by=master`);
      assert.deepEqual(
        answer.body.days.map((day) => [day.date, day.bookings, day.done, day.cancelled.total, day.revenue, day.bookedMinutes, day.workingMinutes, day.occupancy]),
        [
          ["2026-03-02", 1, 1, 0, [{ currency: "EUR", amountMinor: 3000 }], 60, 960, 60 / 960],
          ["2026-03-03", 1, 0, 0, [], 60, 960, 60 / 960],
          ["2026-03-04", 1, 1, 0, [{ currency: "EUR", amountMinor: 3500 }], 45, 960, 45 / 960],
          ["2026-03-05", 1, 0, 1, [], 0, 960, 0],
          ["2026-03-06", 1, 0, 1, [], 0, 960, 0],
          ["2026-03-07", 0, 0, 0, [], 0, 960, 0],
          ["2026-03-08", 0, 0, 0, [], 0, 0, null],
        ],
      );
      const byService = await get(`/api/booking/analytics?${WEEK}&by=service`);
      assert.deepEqual(byService.body.days, answer.body.days);
    });

    test("the CSV export holds the same figures, and a name a spreadsheet would run as a formula is defused", async () => {
      const csv = await get<string>(`/api/booking/analytics.csv?${WEEK}&by=service`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
      assert.match(csv.headers.get("content-disposition") ?? "", /attachment; filename="booking-analytics-service-2026-03-02-2026-03-08.csv"/);
      assert.deepEqual(csv.body.split("\r\n"), [
        "group,name,bookings,done,no_shows,cancelled,cancelled_by_client,cancelled_by_staff,hold_expired,no_show_rate,cancellation_rate,revenue_EUR,booked_minutes,working_minutes,occupancy,clients,returning_clients,returning_share",
        "total,2026-03-02 - 2026-03-08,5,2,1,2,1,1,0,0.3333,0.4000,65.00,165,5760,0.0286,2,1,0.5000",
        "service,Haircut,3,2,1,0,0,0,0,0.3333,0.0000,65.00,165,,,2,1,0.5000",
        "service,Colouring,1,0,0,1,1,0,0,,1.0000,0.00,0,,,0,0,",
        `service,"'=HYPERLINK(""http://evil.example"")",1,0,0,1,0,1,0,,1.0000,0.00,0,,,0,0,`,
        "",
      ]);
    });

    test("the XLSX export holds the same table, with numbers as numbers and the formula-like name as text", async () => {
      const { cookie } = await signIn(app, ADMIN, { botId: salon.botId });
      const response = await fetch(`${app.url}/api/booking/analytics.xlsx?${WEEK}&by=service`, { headers: { cookie } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-disposition") ?? "", /attachment; filename="booking-analytics-service-2026-03-02-2026-03-08.xlsx"/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.getWorksheet("Analytics")!;
      const rowOf = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      assert.deepEqual(rowOf(1).slice(0, 4), ["group", "name", "bookings", "done"]);
      assert.deepEqual(rowOf(2), ["total", "2026-03-02 - 2026-03-08", 5, 2, 1, 2, 1, 1, 0, 0.3333, 0.4, 65, 165, 5760, 0.0286, 2, 1, 0.5]);
      assert.equal(sheet.getRow(5).getCell(2).value, `'=HYPERLINK("http://evil.example")`);
      assert.equal(sheet.getRow(5).getCell(2).type, ExcelJS.ValueType.String);
    });

    test("only those who hold booking.analytics read it: a master gets 403 for the figures and the CSV", async () => {
      assert.equal((await get(`/api/booking/analytics?${WEEK}`, MASTER)).status, 403);
      assert.equal((await get(`/api/booking/analytics.csv?${WEEK}`, MASTER)).status, 403);
      assert.equal((await get(`/api/booking/analytics.xlsx?${WEEK}`, MASTER)).status, 403);
    });

    test("a day that does not exist, or a period that ends before it starts or spans more than a year, is refused in the reader's language", async () => {
      const cases = [
        ["from=2026-02-30&to=2026-03-08", "Please check the field “from”.", "Проверьте поле «from»."],
        ["from=2026-03-08&to=2026-03-02", "Please choose a period from a first day to a last day at most 366 days later.", "Выберите период: от первого дня до последнего не более чем через 366 дн."],
        ["from=2026-01-01&to=2027-01-02", "Please choose a period from a first day to a last day at most 366 days later.", "Выберите период: от первого дня до последнего не более чем через 366 дн."],
        [`${WEEK}&by=client`, "Please check the field “by”.", "Проверьте поле «by»."],
      ] as const;
      for (const [query, english, russian] of cases) {
        for (const path of [`/api/booking/analytics?${query}`, `/api/booking/analytics.csv?${query}`]) {
          const en = await get<{ error: string }>(path, ADMIN, "en");
          assert.deepEqual([en.status, en.body.error], [400, english], path);
          const ru = await get<{ error: string }>(path, ADMIN, "ru");
          assert.deepEqual([ru.status, ru.body.error], [400, russian], path);
        }
      }
    });
  });
}
