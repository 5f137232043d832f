/**
 * The owner books a walk-in on the panel's booking calendar in a real browser: service, master,
 * a free time, name and phone; the booking appears in the day's grid and in the database, and
 * the grid scrolls sideways on a phone; with a second location, a picker (remembered) switches to it.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Kysely, Transaction } from "kysely";
import type { Browser, Page } from "playwright-core";
import { addDays, instantToZoned, zonedDateTimeToInstant } from "../../src/platform/domain/zoned-time.ts";
import type { RunningApp } from "../../src/main.ts";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { adminBook } from "../../src/modules/booking/commands/admin-book.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID } from "../support/app.ts";
import type { TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { browserSkipReason, closePanelInBrowser, openPanelInBrowser, ROOT, signInThroughBot } from "./support.ts";
import { runIn } from "../modules/booking/commands-support.ts";

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();
const ZONE = "Europe/Berlin";

describe("the booking calendar in a browser", { skip: browserSkipReason() ?? false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const db = () => app.database.db as unknown as Kysely<Tables>;
  /** Tomorrow at the salon, so every working hour of it is still ahead whenever the test runs. */
  const tomorrow = addDays(instantToZoned(new Date(), ZONE).date, 1);
  const idOf = async (table: "booking_master" | "booking_service", name: string) =>
    table === "booking_master"
      ? (await db().selectFrom("booking_master").select("id").where("display_name", "=", name).executeTakeFirstOrThrow()).id
      : (await db().selectFrom("booking_service").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

  const walkIn = async (master: string, service: string, time: string, name: string, phone: string) => {
    const [hours, minutes] = time.split(":").map(Number);
    const start = zonedDateTimeToInstant(tomorrow, (hours ?? 0) * 60 + (minutes ?? 0), ZONE);
    assert.ok(start !== null);
    const [masterId, serviceId] = [await idOf("booking_master", master), await idOf("booking_service", service)];
    const booked = await app.database.transaction((trx) =>
      runIn(trx as unknown as Transaction<Tables>, { botId: "main", personId: OWNER_ID, source: "web" }, adminBook, {
        masterId,
        serviceId,
        start,
        now: new Date(),
        client: { name, phone },
      }),
    );
    assert.ok(booked.ok, `${name}'s booking`);
  };

  before(async () => {
    ({ database, emulator, app, browser, page } = await openPanelInBrowser({ viewport: { width: 1180, height: 1000 }, pageErrors }));
    await seedDemoSalon(app.database, "main");
    await walkIn("Anna", "Haircut", "10:00", "Lena Vogel", "+4915100000011");
    await walkIn("Anna", "Colouring", "14:00", "Mia Schulz", "+4915100000012");
    await walkIn("Boris", "Manicure", "09:30", "Jonas Weber", "+4915100000013");
    await walkIn("Clara", "Yoga class", "11:00", "Sofia Klein", "+4915100000014");
  });
  after(() => closePanelInBrowser({ database, emulator, app, browser }));

  test("the owner books a phone-only walk-in into a free time, and it appears in the day's grid and the database", async () => {
    const owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
    await signInThroughBot(page, owner);
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Bookings" }).click();

    await page.getByRole("button", { name: "Next day" }).click();
    const anna = page.getByRole("group", { name: "Anna" });
    await anna.getByRole("button", { name: /10:00 Haircut, Lena Vogel, Confirmed/ }).waitFor();
    assert.equal(await page.getByRole("combobox", { name: "Location" }).count(), 0, "one location: no location picker");

    await page.getByRole("button", { name: "New booking" }).click();
    const form = page.getByRole("form", { name: "New booking" });
    await form.getByLabel("Service").selectOption({ label: "Haircut (60 min)" });
    await form.getByLabel("Master").selectOption({ label: "Boris" });
    assert.equal(await form.getByLabel("Date").inputValue(), tomorrow, "the form starts on the day shown");
    await form.getByLabel("Time").selectOption({ label: "15:00–16:00" });
    await form.getByLabel("Client's name").fill("Walk-in Wanda");
    await form.getByLabel("Client's phone").fill("+49 151 000 00099");
    await form.getByRole("button", { name: "Book" }).click();
    await form.getByRole("status").filter({ hasText: "Booked: Walk-in Wanda." }).waitFor();

    await page.getByRole("group", { name: "Boris" }).getByRole("button", { name: /15:00 Haircut, Walk-in Wanda, Confirmed/ }).waitFor();
    const stored = await eventually(
      () =>
        db()
          .selectFrom("booking")
          .innerJoin("booking_client", "booking_client.id", "booking.client_id")
          .innerJoin("booking_master", "booking_master.id", "booking.master_id")
          .select(["booking.status", "booking.starts_at", "booking_master.display_name as master", "booking_client.phone", "booking.created_via"])
          .where("booking_client.name", "=", "Walk-in Wanda")
          .executeTakeFirst(),
      "the walk-in's booking stored",
    );
    assert.deepEqual(
      { ...stored, starts_at: stored.starts_at.toISOString() },
      { status: "confirmed", starts_at: zonedDateTimeToInstant(tomorrow, 15 * 60, ZONE)?.toISOString(), master: "Boris", phone: "+4915100000099", created_via: "web" },
    );
    await eventually(async () => {
      const offered = await form.getByLabel("Time").locator("option").allTextContents();
      return offered.includes("16:00–17:00") && !offered.includes("15:00–16:00");
    }, "the booked time no longer offered, the next one still");

    await page.getByRole("button", { name: "Week", exact: true }).click();
    const dayColumn = new Intl.DateTimeFormat("en", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(new Date(`${tomorrow}T12:00:00Z`));
    await page.getByRole("group", { name: dayColumn }).getByRole("button", { name: /15:00 Haircut, Walk-in Wanda, with Boris, Confirmed/ }).waitFor();
    await page.getByRole("button", { name: "Day", exact: true }).click();

    await page.getByRole("button", { name: "New booking" }).click();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-booking-calendar.png"), fullPage: true });

    await page.setViewportSize({ width: 390, height: 800 });
    const scroll = page.locator(".calendar-scroll");
    const overflow = await scroll.evaluate((element) => element.scrollWidth > element.clientWidth);
    assert.equal(overflow, true, "on a phone the grid scrolls sideways instead of squeezing the masters");
    assert.deepEqual(pageErrors, []);
  });

  test("with a second location the owner switches the calendar to it, and the choice is remembered", async () => {
    await page.setViewportSize({ width: 1180, height: 1000 });
    const { id: harbour } = await db().insertInto("booking_location").values({ bot_id: "main", name: "Harbour", address: "Kai 2", time_zone: ZONE }).returning("id").executeTakeFirstOrThrow();
    const { id: dora } = await db().insertInto("booking_master").values({ bot_id: "main", location_id: harbour, display_name: "Dora", telegram_id: null }).returning("id").executeTakeFirstOrThrow();
    await db()
      .insertInto("booking_weekly_hours")
      .values(([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ master_id: dora, weekday, start_min: 9 * 60, end_min: 18 * 60 })))
      .execute();
    await db().insertInto("booking_master_service").values({ master_id: dora, service_id: await idOf("booking_service", "Haircut"), duration_min: null, price_minor: null }).execute();
    await walkIn("Dora", "Haircut", "12:00", "Harbour Hanna", "+4915100000015");

    await page.reload();
    const picker = page.getByRole("combobox", { name: "Location" });
    assert.equal(await picker.locator("option:checked").textContent(), "Botyard Demo Salon", "the first location until another is chosen");
    await page.getByRole("button", { name: "Next day" }).click();
    await page.getByRole("group", { name: "Anna" }).waitFor();
    await picker.selectOption({ label: "Harbour" });
    await page.getByRole("group", { name: "Dora" }).getByRole("button", { name: /12:00 Haircut, Harbour Hanna, Confirmed/ }).waitFor();
    assert.equal(await page.getByRole("group", { name: "Anna" }).count(), 0, "only the masters of the location shown");

    await page.reload();
    await page.getByRole("button", { name: "Next day" }).click();
    await page.getByRole("group", { name: "Dora" }).getByRole("button", { name: /12:00 Haircut, Harbour Hanna/ }).waitFor();
    assert.equal(await page.getByRole("combobox", { name: "Location" }).locator("option:checked").textContent(), "Harbour", "remembered across a reload");
    await page.getByRole("combobox", { name: "Location" }).selectOption({ label: "Botyard Demo Salon" });
    await page.getByRole("group", { name: "Boris" }).getByRole("button", { name: /15:00 Haircut, Walk-in Wanda/ }).waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
