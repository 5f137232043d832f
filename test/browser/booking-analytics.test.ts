/**
 * The owner reads a month of the salon's bookings on the panel's Analytics page (totals, charts,
 * by master and by service, the CSV link), opens a client's card with their history, and aims a
 * broadcast at the clients of one service, in a real browser, on a desktop and on a phone.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { Browser, Locator, Page } from "playwright-core";
import type { RunningApp } from "../../src/main.ts";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID } from "../support/app.ts";
import type { TestDatabase } from "../support/databases.ts";
import { SERIES_COLOURS } from "../../web/src/panel/chart-data.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { insertVisit } from "./demo-week.ts";
import { browserSkipReason, closePanelInBrowser, openPanelInBrowser, ROOT, signInThroughBot } from "./support.ts";

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();

type Status = Tables["booking"]["status"];

/** Who came when in February and March 2026 (before the clocks change, so Berlin is UTC+1): master, service, client, status. */
const VISITS: [day: string, time: string, master: string, service: string, client: string, status: Status][] = [
  ["02-20", "10:00", "Anna", "Haircut", "Lena Vogel", "done"],
  ["02-24", "15:00", "Clara", "Manicure", "Mia Schulz", "done"],
  ["03-02", "10:00", "Anna", "Haircut", "Lena Vogel", "done"],
  ["03-02", "14:00", "Anna", "Colouring", "Mia Schulz", "done"],
  ["03-03", "09:30", "Boris", "Manicure", "Jonas Weber", "done"],
  ["03-04", "11:00", "Clara", "Yoga class", "Sofia Klein", "no_show"],
  ["03-05", "10:00", "Boris", "Haircut", "Lena Vogel", "cancelled"],
  ["03-09", "10:00", "Anna", "Haircut", "Jonas Weber", "done"],
  ["03-10", "15:00", "Clara", "Manicure", "Mia Schulz", "done"],
  ["03-12", "12:00", "Boris", "Manicure", "Paul Richter", "no_show"],
  ["03-16", "10:00", "Anna", "Haircut", "Lena Vogel", "done"],
  ["03-18", "16:00", "Anna", "Colouring", "Sofia Klein", "cancelled"],
  ["03-23", "11:00", "Clara", "Yoga class", "Lena Vogel", "done"],
  ["03-26", "10:00", "Boris", "Haircut", "Paul Richter", "confirmed"],
];

/** Whether each colour is drawn on the canvas: some pixel within a small distance of it (lines are anti-aliased). */
async function seriesColoursDrawn(canvas: Locator, colours: readonly string[]): Promise<boolean[]> {
  return canvas.evaluate((element, hexes) => {
    const drawing = element as HTMLCanvasElement;
    const pixels = drawing.getContext("2d")!.getImageData(0, 0, drawing.width, drawing.height).data;
    return hexes.map((hex) => {
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
      for (let at = 0; at < pixels.length; at += 4) {
        if (pixels[at + 3]! > 200 && Math.abs(pixels[at]! - r) + Math.abs(pixels[at + 1]! - g) + Math.abs(pixels[at + 2]! - b) < 24) return true;
      }
      return false;
    });
  }, colours);
}

describe("booking analytics and client cards in a browser", { skip: browserSkipReason() ?? false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const db = () => app.database.db as unknown as Kysely<Tables>;

  before(async () => {
    ({ database, emulator, app, browser, page } = await openPanelInBrowser({ viewport: { width: 1280, height: 900 }, pageErrors }));
    await seedDemoSalon(app.database, "main");
    const location = await db().selectFrom("booking_location").select("id").where("bot_id", "=", "main").executeTakeFirstOrThrow();
    const masters = new Map((await db().selectFrom("booking_master").select(["id", "display_name"]).execute()).map((row) => [row.display_name, row.id]));
    const services = new Map((await db().selectFrom("booking_service").selectAll().execute()).map((row) => [row.name, row]));
    const clients = new Map<string, number>();
    for (const [index, name] of ["Lena Vogel", "Mia Schulz", "Jonas Weber", "Sofia Klein", "Paul Richter"].entries()) {
      const { id } = await db()
        .insertInto("booking_client")
        .values({ bot_id: "main", name, phone: `+491510000002${index}`, telegram_id: index % 2 === 0 ? 880_000 + index : null })
        .returning("id")
        .executeTakeFirstOrThrow();
      clients.set(name, id);
    }
    for (const [day, time, master, serviceName, client, status] of VISITS) {
      const service = services.get(serviceName)!;
      const start = new Date(`2026-${day}T${time}:00+01:00`);
      await insertVisit(db(), { botId: "main", clientId: clients.get(client)!, masterId: masters.get(master)!, service, locationId: location.id, start, status });
    }
  });
  after(() => closePanelInBrowser({ database, emulator, app, browser }));

  test("the owner reads March in total, by master and by service, with the CSV of what is shown", async () => {
    const owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
    await signInThroughBot(page, owner);
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Analytics" }).click();
    const period = page.getByRole("group", { name: "Period" });
    await period.getByLabel("From").fill("2026-03-01");
    await period.getByLabel("To").fill("2026-03-31");

    const totals = page.getByLabel("Totals");
    await totals.getByText("12", { exact: true }).waitFor();
    await totals.getByText("€260.00").waitFor();
    await totals.getByText("2 of 5").waitFor();
    const byMaster = page.getByRole("table", { name: "Figures by master" });
    assert.deepEqual(await byMaster.getByRole("rowheader").allTextContents(), ["Anna", "Boris", "Clara"]);
    await byMaster.getByRole("row", { name: /^Anna 5 4 0 .* €195\.00/ }).waitFor();

    await page.getByRole("button", { name: "By service" }).click();
    const byService = page.getByRole("table", { name: "Figures by service" });
    await byService.getByRole("row", { name: /^Haircut 5 3 0/ }).waitFor();
    const csv = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    assert.equal(csv, "/api/booking/analytics.csv?from=2026-03-01&to=2026-03-31&by=service");
    const download = await page.evaluate(async (href) => (await fetch(href)).text(), csv);
    assert.match(download, /^group,name,bookings,/);
    assert.match(download, /\r\nservice,Haircut,5,3,0,1,1,0,0,0\.0000,0\.2000,105\.00,/);

    await page.getByRole("button", { name: "By master" }).click();
    await byMaster.waitFor();
    await page.locator("figure.chart canvas").nth(2).waitFor();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-booking-analytics.png"), fullPage: true });

    await page.setViewportSize({ width: 390, height: 800 });
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.equal(fits, true, "on a phone the page fits and the table scrolls inside its box");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("March is drawn: bookings and revenue per day and each master's occupancy, each chart titled, in its series' colours, with its figures as a table", async () => {
    const chart = (title: string) => page.getByRole("figure", { name: title });
    const bookings = chart("Bookings per day");
    const revenue = chart("Revenue per day");
    const occupancy = chart("Occupancy by master");
    for (const [figure, series] of [
      [bookings, ["Bookings", "Done"]],
      [revenue, ["Revenue, EUR"]],
      [occupancy, ["Occupancy"]],
    ] as const) {
      await figure.locator("canvas").waitFor();
      assert.deepEqual(await figure.getByRole("list", { name: "Series" }).locator("li:not(.hint)").allTextContents(), series);
      assert.equal(await figure.locator(".chart-plot").getAttribute("data-series"), String(series.length));
      assert.deepEqual(await seriesColoursDrawn(figure.locator("canvas").first(), SERIES_COLOURS.slice(0, series.length)), series.map(() => true));
    }

    const tableOf = async (figure: typeof bookings, title: string) => {
      await figure.getByText("Figures as a table").click();
      const rows = await figure.getByRole("table", { name: title }).getByRole("row").allTextContents();
      return rows;
    };
    const perDay = await tableOf(bookings, "Bookings per day");
    assert.equal(perDay.length, 1 + 31, "a row per day of March under the header");
    assert.deepEqual(perDay.slice(0, 6), ["DayBookingsDone", "Sun, Mar 100", "Mon, Mar 222", "Tue, Mar 311", "Wed, Mar 410", "Thu, Mar 510"]);
    const money = await tableOf(revenue, "Revenue per day");
    assert.deepEqual(money.slice(0, 4), ["DayRevenue, EUR", "Sun, Mar 1€0.00", "Mon, Mar 2€125.00", "Tue, Mar 3€25.00"]);

    const shares = await tableOf(occupancy, "Occupancy by master");
    const byMaster = page.getByRole("table", { name: "Figures by master" });
    const tableShares = (await byMaster.locator("tbody tr td:nth-child(7)").allTextContents()).map((text) => text.replace(/\s+%$/, "%"));
    assert.deepEqual(
      shares.slice(1),
      ["Anna", "Boris", "Clara"].map((name, index) => `${name}${tableShares[index]}`),
      "the bars' figures are the occupancy the table shows",
    );
    assert.deepEqual(pageErrors, []);
  });

  test("the owner finds a client by name and opens the card: reach, visits, money spent and every booking with its status", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Clients" }).click();
    await page.getByRole("table", { name: "Clients" }).waitFor();
    await page.getByLabel("Name or phone").fill("lena");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("table", { name: "Clients" }).getByRole("row").nth(2).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Lena Vogel" }).click();

    const card = page.getByRole("region", { name: "Lena Vogel" });
    await card.getByText("Linked: reachable by the bot and broadcasts").waitFor();
    await card.getByText("5: 4 done, 0 no-shows, 1 cancelled, 0 upcoming").waitFor();
    await card.getByText("€120.00").waitFor();
    const history = card.getByRole("table", { name: "Booking history" });
    assert.deepEqual(
      (await history.getByRole("row").allTextContents()).slice(1).map((row) => row.replace(/\s+/g, " ")),
      [
        "Mon, Mar 23, 2026, 11:00Yoga classClaraDone€15.00",
        "Mon, Mar 16, 2026, 10:00HaircutAnnaDone€35.00",
        "Thu, Mar 5, 2026, 10:00HaircutBorisCancelled by the client€35.00",
        "Mon, Mar 2, 2026, 10:00HaircutAnnaDone€35.00",
        "Fri, Feb 20, 2026, 10:00HaircutAnnaDone€35.00",
      ].map((row) => row.replace(/\s+/g, " ")),
    );
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-booking-clients.png"), fullPage: true });
  });

  test("the owner keeps a note on a client's card and books her a visit from it", async () => {
    const card = page.getByRole("region", { name: "Lena Vogel" });
    await card.getByRole("button", { name: "Edit" }).click();
    const edit = card.getByRole("form", { name: "Edit" });
    await edit.getByLabel("Staff note").fill("Prefers Anna; allergic to latex.");
    await edit.getByRole("button", { name: "Save" }).click();
    await card.locator(".client-note").filter({ hasText: "Prefers Anna; allergic to latex." }).waitFor();
    const lena = await db().selectFrom("booking_client").select(["id", "note"]).where("name", "=", "Lena Vogel").executeTakeFirstOrThrow();
    assert.equal(lena.note, "Prefers Anna; allergic to latex.");

    await card.getByRole("link", { name: "Book a visit" }).click();
    const form = page.getByRole("form", { name: "New booking" });
    await form.getByText(/^For Lena Vogel/).waitFor();
    await form.getByLabel("Service").selectOption({ label: "Haircut (60 min)" });
    await form.getByLabel("Master").selectOption({ label: "Anna" });
    // The next weekday: the demo salon works every weekday.
    let next = new Date(Date.now() + 86_400_000);
    while (next.getUTCDay() === 0 || next.getUTCDay() === 6) next = new Date(next.getTime() + 86_400_000);
    await form.getByLabel("Date").fill(next.toISOString().slice(0, 10));
    const time = form.getByLabel("Time");
    await eventually(async () => (await time.locator("option").count()) > 1, "free times offered");
    await time.selectOption({ index: 1 });
    await form.getByRole("button", { name: "Book" }).click();
    await form.getByRole("status").filter({ hasText: "Booked: Lena Vogel." }).waitFor();
    const booked = await db().selectFrom("booking").select("client_id").where("client_id", "=", lena.id).where("status", "=", "confirmed").execute();
    assert.equal(booked.length, 1, "the booking is Lena's own, not a new walk-in");
  });

  test("a broadcast to the clients of a service: the owner picks the service from the salon's list and sees who it reaches", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Broadcasts" }).click();
    await page.getByLabel("Segment").selectOption({ label: "Booking clients of a service" });
    assert.deepEqual(await page.getByLabel("Service", { exact: true }).locator("option").allTextContents(), ["Choose…", "Colouring", "Haircut", "Manicure", "Yoga class"]);
    await page.getByLabel("Service", { exact: true }).selectOption({ label: "Haircut" });
    await page.getByRole("status", { name: "Audience size" }).filter({ hasText: "3 people." }).waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
