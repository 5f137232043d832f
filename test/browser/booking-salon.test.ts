/**
 * The owner manages the salon on the panel's Salon page in a real browser: a service's new price
 * is what a client sees in the bot, a master's new hours (a shorter morning, the afternoon off)
 * are what the engine offers, a refusal is named, and the page fits a phone.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { Browser, Page } from "playwright-core";
import { addDays, instantToZoned, weekdayOf } from "../../src/platform/domain/zoned-time.ts";
import type { RunningApp } from "../../src/main.ts";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { daySlots } from "../../src/modules/booking/queries/availability.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID } from "../support/app.ts";
import type { TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { browserSkipReason, closePanelInBrowser, openPanelInBrowser, ROOT, signInThroughBot } from "./support.ts";

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();
const ZONE = "Europe/Berlin";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

describe("the Salon page in a browser", { skip: browserSkipReason() ?? false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const db = () => app.database.db as unknown as Kysely<Tables>;
  /** Tomorrow at the salon, so every working hour of it is still ahead whenever the test runs. */
  const tomorrow = addDays(instantToZoned(new Date(), ZONE).date, 1);
  const weekday = WEEKDAYS[weekdayOf(tomorrow) - 1] ?? "Monday";

  before(async () => {
    ({ database, emulator, app, browser, page } = await openPanelInBrowser({ viewport: { width: 1280, height: 1000 }, pageErrors }));
    await seedDemoSalon(app.database, "main");
  });
  after(() => closePanelInBrowser({ database, emulator, app, browser }));

  test("the owner changes a price and a master's hours; the bot and the engine use them at once", async () => {
    const owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
    const client = new TelegramUser(emulator.control, { first_name: "Ida", language_code: "en" });
    await signInThroughBot(page, owner);
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Salon" }).click();
    await page.getByRole("heading", { name: "Salon" }).waitFor();

    await page.getByRole("list", { name: "Services" }).getByRole("button", { name: /Haircut/ }).click();
    const haircut = page.getByRole("form", { name: "Service Haircut" });
    assert.equal(await haircut.getByLabel("Price", { exact: true }).inputValue(), "35.00");
    await haircut.getByLabel("Price", { exact: true }).fill("42.50");
    await haircut.getByRole("button", { name: "Save", exact: true }).click();
    await haircut.getByRole("status").filter({ hasText: "bookings already made keep their price" }).waitFor();
    await page.getByRole("list", { name: "Services" }).getByRole("button", { name: /Haircut · 60 min · €42\.50/ }).waitFor();

    client.send("/book");
    const offered = await client.replyContaining("What would you like to book?");
    const labels = offered.reply_markup?.inline_keyboard.flat().map((button) => button.text) ?? [];
    assert.ok(labels.includes("Haircut · 60 min · €42.50"), labels.join("; "));

    await haircut.getByLabel("Duration (minutes)").fill("3");
    await haircut.getByRole("button", { name: "Save", exact: true }).click();
    await haircut.getByRole("alert").filter({ hasText: "The duration must be a whole number of minutes from 5 to 480." }).waitFor();
    await haircut.getByLabel("Duration (minutes)").fill("60");

    await page.getByRole("tab", { name: "Masters" }).click();
    await page.getByRole("list", { name: "Masters" }).getByRole("button", { name: "Boris" }).click();
    const hours = page.getByRole("region", { name: "Working hours of Boris" });
    const day = hours.getByRole("group", { name: weekday });
    await day.getByLabel(`${weekday} interval 1 from`).fill("10:00");
    await day.getByLabel(`${weekday} interval 1 to`).fill("12:00");
    await day.getByRole("button", { name: `Remove ${weekday} interval 2` }).click();
    await hours.getByRole("button", { name: "Save hours" }).click();
    await hours.getByRole("status").filter({ hasText: "Hours saved." }).waitFor();

    const boris = await db().selectFrom("booking_master").select("id").where("display_name", "=", "Boris").executeTakeFirstOrThrow();
    const service = await db().selectFrom("booking_service").select("id").where("name", "=", "Haircut").executeTakeFirstOrThrow();
    const offeredTimes = await eventually(async () => {
      const slots = await daySlots(db(), { botId: "main", serviceId: service.id, masterId: boris.id, date: tomorrow, now: new Date(), clientActiveBookings: 0 });
      const times = slots.map((slot) => slot.time);
      return times.includes("14:00") ? undefined : times;
    }, "Boris's new hours offered");
    assert.deepEqual(offeredTimes, ["10:00", "10:30", "11:00"]);
    const audit = await db().selectFrom("audit_log").select("action").where("action", "like", "booking.%").orderBy("id").execute();
    assert.deepEqual(
      audit.map((row) => row.action),
      ["booking.service.edit", "booking.master.hours"],
    );

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-booking-salon.png"), fullPage: true });

    await page.setViewportSize({ width: 390, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(overflow, false, "on a phone the page fits the screen's width");
    assert.deepEqual(pageErrors, []);
  });

  test("linking a master's Telegram account to someone without the master role offers it, and giving it tells them in the bot", async () => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    const mira = new TelegramUser(emulator.control, { first_name: "Mira", language_code: "en" });
    mira.send("/start");
    await mira.reply();
    await page.getByRole("list", { name: "Masters" }).getByRole("button", { name: "Clara" }).click();
    const clara = page.getByRole("form", { name: "Master Clara" });
    await clara.getByLabel("Telegram id (empty: none)").fill(String(mira.id));
    await clara.getByRole("button", { name: "Link Telegram" }).click();
    await clara.getByRole("status").filter({ hasText: "Telegram account linked." }).waitFor();
    await clara.getByText("They do not hold the master role yet").waitFor();
    await clara.getByRole("button", { name: "Give the master role" }).click();
    await clara.getByRole("status").filter({ hasText: "They hold the master role now" }).waitFor();
    assert.equal(await clara.getByRole("button", { name: "Give the master role" }).count(), 0);
    const roles = await db().selectFrom("role").select("role").where("bot_id", "=", "main").where("telegram_id", "=", mira.id).execute();
    assert.deepEqual(roles.map((row) => row.role), ["master"]);
    await mira.replyContaining("You are Clara in the salon's schedule now");
    assert.deepEqual(pageErrors, []);
  });
});
