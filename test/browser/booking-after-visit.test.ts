/**
 * The owner opens "Reviews & refunds" in a real browser: clients' reviews with each master's
 * average, filtered by stars; a prepayment that came too late is listed to refund, and recording
 * its refund (with the provider's refund id) moves it to the recorded ones, stored once.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Kysely, Transaction } from "kysely";
import type { Browser, Page } from "playwright-core";
import type { RunningApp } from "../../src/main.ts";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import { expireHold } from "../../src/modules/booking/commands/expire-hold.ts";
import { recordPayment } from "../../src/modules/booking/commands/record-payment.ts";
import type { Tables } from "../../src/modules/booking/tables.ts";
import { askForReview } from "../../src/modules/booking/commands/ask-for-review.ts";
import { commentOnVisit } from "../../src/modules/booking/commands/comment-on-visit.ts";
import { rateVisit } from "../../src/modules/booking/commands/rate-visit.ts";
import { bookAppointment } from "../../src/modules/booking/commands/book-appointment.ts";
import { daySlots } from "../../src/modules/booking/queries/availability.ts";
import { markVisit } from "../../src/modules/booking/commands/mark-visit.ts";
import type { Actor } from "../../src/platform/audit/use-case.ts";
import { addDays, instantToZoned } from "../../src/platform/domain/zoned-time.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID } from "../support/app.ts";
import type { TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { timedWorld } from "../modules/booking/timed-support.ts";
import { browserSkipReason, closePanelInBrowser, openPanelInBrowser, ROOT, signInThroughBot } from "./support.ts";
import { runIn } from "../modules/booking/commands-support.ts";

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();
const ZONE = "Europe/Berlin";
const DAY_MS = 86_400_000;
const BOT = "main";
const job: Actor = { botId: BOT, personId: null, source: "job" };
const client = (telegramId: number): Actor => ({ botId: BOT, personId: telegramId, source: "bot" });

describe("reviews and refunds in a browser", { skip: browserSkipReason() ?? false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const db = () => app.database.db as unknown as Kysely<Tables>;
  const inBooking = <T>(work: (trx: Transaction<Tables>) => Promise<T>) => app.database.transaction((trx) => work(trx as unknown as Transaction<Tables>));
  const idOf = async (table: "booking_master" | "booking_service", name: string) =>
    table === "booking_master"
      ? (await db().selectFrom("booking_master").select("id").where("display_name", "=", name).executeTakeFirstOrThrow()).id
      : (await db().selectFrom("booking_service").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

  /** A visit `daysAgo` days ago with `master`, booked the day before, marked done and rated. */
  const reviewedVisit = async (telegramId: number, name: string, master: string, daysAgo: number, stars: number, text: string | null) => {
    const [masterId, serviceId] = [await idOf("booking_master", master), await idOf("booking_service", "Haircut")];
    const bookedAt = new Date(Date.now() - (daysAgo + 1) * DAY_MS);
    const date = addDays(instantToZoned(new Date(), ZONE).date, -daysAgo);
    const [slot] = await daySlots(db(), { botId: BOT, serviceId, masterId, now: bookedAt, clientActiveBookings: 0, date });
    assert.ok(slot !== undefined, `${master} works on ${date}`);
    const start = new Date(slot.start);
    const booked = await inBooking((trx) => runIn(trx, client(telegramId), bookAppointment, { masterId, serviceId, start, now: bookedAt, name }));
    assert.ok(booked.ok, JSON.stringify(booked));
    const afterVisit = new Date(start.getTime() + 2 * 3_600_000);
    await inBooking((trx) => runIn(trx, { botId: BOT, personId: OWNER_ID, source: "web" }, markVisit, { bookingId: booked.booking.id, outcome: "done", now: afterVisit }));
    await inBooking((trx) => runIn(trx, job, askForReview, { messenger: timedWorld(() => app.database, afterVisit).messenger, bookingId: booked.booking.id }));
    await inBooking((trx) => runIn(trx, client(telegramId), rateVisit, { bookingId: booked.booking.id, stars, now: afterVisit }));
    if (text !== null) await inBooking((trx) => runIn(trx, client(telegramId), commentOnVisit, { bookingId: booked.booking.id, text, now: afterVisit }));
  };

  /** A prepaid manicure tomorrow whose payment came after its hold ran out and Otto took the time: flagged for a refund. */
  const latePayment = async (): Promise<number> => {
    const serviceId = await idOf("booking_service", "Manicure");
    await db().updateTable("booking_service").set({ prepayment_minor: 1000 }).where("id", "=", serviceId).execute();
    const now = new Date();
    const [slot] = await daySlots(db(), { botId: BOT, serviceId, now, clientActiveBookings: 0, date: addDays(instantToZoned(now, ZONE).date, 1) });
    assert.ok(slot?.masterId !== undefined);
    const start = new Date(slot.start);
    const booked = await inBooking((trx) => runIn(trx, client(7_101), bookAppointment, { masterId: slot.masterId!, serviceId, start, now, name: "Nina Roth" }));
    assert.ok(booked.ok && booked.booking.status === "pending");
    const late = timedWorld(() => app.database, new Date(now.getTime() + 30 * 60_000));
    await inBooking((trx) => runIn(trx, job, expireHold, { messenger: late.messenger, bookingId: booked.booking.id }));
    const otto = await inBooking((trx) => runIn(trx, client(7_102), bookAppointment, { masterId: slot.masterId!, serviceId, start, now, name: "Otto Brandt" }));
    assert.ok(otto.ok);
    const paid = await inBooking((trx) =>
      runIn(trx, client(7_101), recordPayment, { messenger: late.messenger, payload: String(booked.booking.id), currency: "EUR", totalAmount: 1000, telegramChargeId: "tg-ch-7101", providerChargeId: "pi_3QxLate7101" }),
    );
    assert.ok(paid.ok && paid.outcome === "refund-needed");
    return booked.booking.id;
  };

  let bookingToRefund: number;

  before(async () => {
    ({ database, emulator, app, browser, page } = await openPanelInBrowser({ viewport: { width: 1280, height: 1000 }, pageErrors }));
    await seedDemoSalon(app.database, BOT);
    await reviewedVisit(7_001, "Lena Vogel", "Anna", 3, 5, "Best haircut in years, thank you!");
    await reviewedVisit(7_002, "Mia Schulz", "Anna", 4, 4, null);
    await reviewedVisit(7_003, "Jonas Weber", "Boris", 3, 3, "Good cut, but I waited 20 minutes.");
    bookingToRefund = await latePayment();
  });
  after(() => closePanelInBrowser({ database, emulator, app, browser }));

  test("the owner reads reviews with each master's average, filters them, and records a refund made in the provider", async () => {
    const owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
    await signInThroughBot(page, owner);
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Reviews & refunds" }).click();

    const averages = page.getByLabel("Average rating per master");
    await averages.getByText("★ 4.5").waitFor();
    await averages.getByText("★ 3.0").waitFor();
    const reviews = page.getByRole("table", { name: "Reviews" });
    await reviews.getByRole("row", { name: /Best haircut in years.*Lena Vogel.*Anna/ }).waitFor();
    assert.equal(await reviews.getByRole("row").count(), 4, "a header and three reviews");
    await page.getByRole("combobox", { name: "Stars" }).selectOption({ label: "★★★☆☆" });
    await reviews.getByRole("row", { name: /I waited 20 minutes.*Jonas Weber.*Boris/ }).waitFor();
    await eventually(async () => (await reviews.getByRole("row").count()) === 2, "only the three-star review");
    await page.getByRole("combobox", { name: "Stars" }).selectOption({ label: "Any" });
    await page.getByRole("combobox", { name: "Master" }).selectOption({ label: "Anna" });
    await eventually(async () => (await reviews.getByRole("row").count()) === 3, "Anna's two reviews");
    await page.getByRole("combobox", { name: "Master" }).selectOption({ label: "All masters" });
    await eventually(async () => (await reviews.getByRole("row").count()) === 4, "every review again");

    const toRefund = page.getByRole("table", { name: "Refunds to make" });
    const row = toRefund.getByRole("row", { name: new RegExp(`#${bookingToRefund} Nina Roth .*€10\\.00.*pi_3QxLate7101`) });
    await row.waitFor();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-booking-after-visit.png"), fullPage: true });

    const form = page.getByRole("form", { name: `Refund for booking #${bookingToRefund}` });
    await form.getByLabel("Note (optional)").fill("re_3QxRefund01");
    await form.getByRole("button", { name: "Record refund" }).click();
    await page.getByRole("status").filter({ hasText: "Recorded: €10.00 refunded to Nina Roth." }).waitFor();
    await page.getByRole("table", { name: "Recorded refunds" }).getByRole("row", { name: new RegExp(`#${bookingToRefund} Nina Roth €10\\.00 pi_3QxLate7101 .* Olga re_3QxRefund01`) }).waitFor();
    await page.getByText("Nothing to refund.").waitFor();

    const stored = await db()
      .selectFrom("booking_payment")
      .innerJoin("booking", "booking.id", "booking_payment.booking_id")
      .select(["booking_payment.refunded_by", "booking_payment.refund_note", "booking.refund_needed"])
      .where("booking_payment.booking_id", "=", bookingToRefund)
      .execute();
    assert.deepEqual(stored, [{ refunded_by: OWNER_ID, refund_note: "re_3QxRefund01", refund_needed: false }]);

    await page.setViewportSize({ width: 390, height: 800 });
    const pageOverflows = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(pageOverflows, false, "on a phone the tables scroll inside the page instead of widening it");
    assert.deepEqual(pageErrors, []);
  });
});
