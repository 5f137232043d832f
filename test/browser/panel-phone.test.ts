/**
 * The panel on a phone (390x844) in a real browser: every page the owner may open is listed,
 * grouped by module, behind one Menu button; none is wider than the screen; and a module switched
 * off takes its pages out of the menu.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import { OWNER_ID } from "../support/app.ts";
import { TelegramUser } from "../support/telegram-user.ts";
import { browserSkipReason, closePanelInBrowser, openPanelInBrowser, signInThroughBot, type PanelInBrowser } from "./support.ts";

/** How many pixels the page is wider than the screen (0 or less: it fits). */
const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("the panel on a phone", { skip: browserSkipReason() ?? false }, () => {
  let panel: PanelInBrowser;
  const pageErrors: string[] = [];

  before(async () => {
    panel = await openPanelInBrowser({ viewport: { width: 390, height: 844 }, pageErrors });
    await seedDemoSalon(panel.app.database, "main");
  });
  after(() => closePanelInBrowser(panel));

  const openMenu = async () => {
    await panel.page.getByRole("button", { name: /☰/ }).click();
    return panel.page.getByRole("navigation", { name: "All pages" });
  };

  test("every page is one tap away in the menu, grouped by module, and none is wider than the screen", async () => {
    const { page, emulator } = panel;
    await signInThroughBot(page, new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" }));
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    assert.equal(await page.getByRole("navigation", { name: "Panel" }).isVisible(), false, "no sideways strip of links on a phone");

    const menu = await openMenu();
    assert.deepEqual(await menu.getByRole("heading").allTextContents(), ["Overview", "Staff", "Booking", "The bot"]);
    const titles = await menu.getByRole("link").allTextContents();
    assert.deepEqual(titles, ["Dashboard", "Activity", "People", "Requests", "Sessions", "Bookings", "Salon", "Clients", "Reviews & refunds", "Time off", "Analytics", "Audit log", "Texts", "Settings", "Broadcasts", "Backups"]);
    await page.getByRole("button", { name: /☰/ }).click();
    await menu.waitFor({ state: "detached" });

    const tooWide: string[] = [];
    for (const title of titles) {
      await (await openMenu()).getByRole("link", { name: title, exact: true }).click();
      await page.getByRole("navigation", { name: "All pages" }).waitFor({ state: "detached" });
      await page.locator("main h1").first().waitFor();
      const overflow = await overflowOf(page);
      if (overflow > 0) tooWide.push(`${title}: ${overflow}px`);
    }
    assert.deepEqual(tooWide, [], "pages wider than a 390 px phone");
    assert.deepEqual(pageErrors, []);
  });

  test("a module switched off takes its pages out of the menu", async () => {
    const { page, app } = panel;
    const me = (await (await page.request.get(`${app.url}/api/me`)).json()) as { csrfToken: string };
    const saved = await page.request.put(`${app.url}/api/settings`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: { timeZone: "Europe/Berlin", languages: ["en", "ru"], modules: ["access"], staffMayApply: true },
    });
    assert.equal(saved.status(), 200, await saved.text());
    await page.reload();
    const menu = await openMenu();
    assert.deepEqual(await menu.getByRole("heading").allTextContents(), ["Overview", "Staff", "The bot"]);
    assert.equal(await menu.getByRole("link", { name: "Bookings" }).count(), 0);
  });
});
