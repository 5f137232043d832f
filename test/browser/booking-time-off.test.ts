/**
 * The owner blocks two hours of Anna's day on the panel's Time off page in a real browser: the
 * page shows the walk-in those hours hit with the masters free to take it, the owner moves it to
 * Boris and confirms; the block is listed, the booking is Boris's in the database, and the
 * Bookings calendar shows the block in Anna's column and the visit in Boris's.
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

describe("time off in a browser", { skip: browserSkipReason() ?? false }, () => {
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

  before(async () => {
    ({ database, emulator, app, browser, page } = await openPanelInBrowser({ viewport: { width: 1280, height: 1000 }, pageErrors }));
    await seedDemoSalon(app.database, "main");
    const start = zonedDateTimeToInstant(tomorrow, 10 * 60, ZONE);
    assert.ok(start !== null);
    const [masterId, serviceId] = [await idOf("booking_master", "Anna"), await idOf("booking_service", "Haircut")];
    const booked = await app.database.transaction((trx) =>
      runIn(trx as unknown as Transaction<Tables>, { botId: "main", personId: OWNER_ID, source: "web" }, adminBook, {
        masterId,
        serviceId,
        start,
        now: new Date(),
        client: { name: "Lena Vogel", phone: "+4915100000011" },
      }),
    );
    assert.ok(booked.ok, "Lena's booking");
  });
  after(() => closePanelInBrowser({ database, emulator, app, browser }));

  test("blocking hours over a booking shows it with the free masters; moved to Boris, the block and the move show on the calendar", async () => {
    const owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
    await signInThroughBot(page, owner);
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Time off" }).click();

    const form = page.getByRole("form", { name: "Add time off" });
    await form.getByRole("button", { name: "Block hours" }).click();
    await form.getByLabel("Master").selectOption({ label: "Anna" });
    await form.getByLabel("Date").fill(tomorrow);
    await form.getByLabel("From").fill("09:30");
    await form.getByLabel("Until").fill("11:30");
    await form.getByLabel("Note").fill("Training");
    await form.getByRole("button", { name: "Add" }).click();

    const hits = page.getByRole("region", { name: "Bookings in the way" });
    await hits.getByText("Lena Vogel, +4915100000011").waitFor();
    const choice = hits.getByLabel("What to do with Lena Vogel's booking at 10:00");
    assert.deepEqual(await choice.locator("option").allTextContents(), ["Move to Boris (same time)", "Cancel and notify the client"]);
    assert.equal(await db().selectFrom("booking_occupancy").select("id").where("kind", "=", "block").executeTakeFirst(), undefined, "nothing is blocked before the confirm");
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-booking-time-off.png"), fullPage: true });

    await choice.selectOption({ label: "Move to Boris (same time)" });
    await hits.getByRole("button", { name: "Confirm and apply" }).click();
    await page.getByRole("status").filter({ hasText: "1 moved, 0 cancelled" }).waitFor();
    await page.getByRole("region", { name: "Blocked hours" }).getByText("Training").waitFor();
    const moved = await eventually(
      () =>
        db()
          .selectFrom("booking")
          .innerJoin("booking_master", "booking_master.id", "booking.master_id")
          .select(["booking_master.display_name as master", "booking.status"])
          .where("booking.starts_at", "=", zonedDateTimeToInstant(tomorrow, 10 * 60, ZONE)!)
          .executeTakeFirst(),
      "the booking stored",
    );
    assert.deepEqual(moved, { master: "Boris", status: "confirmed" });

    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Bookings" }).click();
    await page.getByRole("button", { name: "Next day" }).click();
    await page.getByRole("group", { name: "Anna" }).getByRole("note", { name: "Blocked 09:30–11:30: Training" }).waitFor();
    await page.getByRole("group", { name: "Boris" }).getByRole("button", { name: /10:00 Haircut, Lena Vogel, Confirmed/ }).waitFor();

    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Time off" }).click();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByRole("region", { name: "Blocked hours" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(overflow, false, "on a phone the page fits its width");
    assert.deepEqual(pageErrors, []);
  });
});
