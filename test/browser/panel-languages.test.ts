/**
 * The panel's languages in a real browser: an owner whose Telegram speaks Russian gets every page
 * of the menu in Russian, switches to English and keeps it after a reload; and under the
 * pseudo-locale (every catalogue text accented, dates and numbers in Cyrillic) no page shows a
 * Latin letter that came neither from a catalogue nor from the data the API sent.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { startSession } from "../../src/platform/auth/sessions.ts";
import { seedDemoSalon } from "../../src/modules/booking/demo-salon.ts";
import { OWNER_ID } from "../support/app.ts";
import { DEMO_REGULAR, seedDemoWeek } from "./demo-week.ts";
import { browserSkipReason, closePanelInBrowser, openPanelInBrowser, requestsOf, ROOT, type PanelInBrowser } from "./support.ts";

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();
const PSEUDO_SWITCH = "botyard-pseudo-locale";
const LATIN = /[A-Za-z]/;
const CYRILLIC = /[А-Яа-яЁё]/;

/** Every string anywhere in a JSON answer (names, services, time zones the API sent), and its keys and literals, which the audit log shows as changed fields and their values. */
function stringsIn(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (LATIN.test(value)) into.add(value);
  } else if (value === null || typeof value === "boolean") {
    into.add(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) stringsIn(item, into);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      stringsIn(item, into);
    }
  }
}

/** The visible text of the page, node by node, and the placeholders a person reads in empty fields. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const parent = node.parentElement;
      if (text === "" || parent === null || parent.closest("script, style, datalist") !== null) continue;
      if (parent.closest("select") === null && !parent.checkVisibility()) continue;
      texts.push(text);
    }
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input[placeholder], textarea[placeholder]")) {
      if (field.checkVisibility()) texts.push(field.placeholder);
    }
    return texts;
  });
}

/** What of a text is left once the data the API sent is taken out. */
function withoutData(text: string, data: Set<string>): string {
  let rest = text;
  for (const value of [...data].sort((a, b) => b.length - a.length)) if (value.length > 1) rest = rest.replaceAll(value, "");
  return rest;
}

/** The demo regular's card, opened from the Clients page, as the README shows it. */
async function shootClientCard(page: Page, language: "en" | "ru"): Promise<void> {
  await page.getByRole("button", { name: DEMO_REGULAR }).click();
  await page.getByRole("region", { name: DEMO_REGULAR }).getByRole("table").waitFor();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `panel-${language}-client-card.png`), fullPage: true });
}

/** The panel's menu on a phone (390x844), open over the dashboard, as the README shows it; the page is a desktop one again after. */
async function shootPhoneMenu(page: Page, language: "en" | "ru"): Promise<void> {
  await page.getByRole("navigation").locator('a[href="/dashboard"]').click();
  await page.locator('[data-card="booking:today"]').waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator(".panel-menu-button").click();
  await page.locator("#panel-menu").waitFor();
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `panel-${language}-phone-menu.png`) });
  await page.locator(".panel-menu-button").click();
  await page.locator("#panel-menu").waitFor({ state: "detached" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

const skip = browserSkipReason();

describe("the panel's languages in a browser", { skip: skip ?? false }, () => {
  let panel: PanelInBrowser;
  let cookie: { name: string; value: string; url: string };

  const signedInContext = async (options: { pseudo?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; loaded: () => Promise<void> }> => {
    const context = await panel.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    await context.addCookies([cookie]);
    if (options.pseudo === true) await context.addInitScript((key) => localStorage.setItem(key, "on"), PSEUDO_SWITCH);
    const page = await context.newPage();
    const requests = requestsOf(page);
    return { context, page, loaded: () => requests.answered() };
  };

  const menuLinks = async (page: Page): Promise<string[]> => page.getByRole("navigation").getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));

  before(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    panel = await openPanelInBrowser({ viewport: { width: 1280, height: 900 } });
    await seedDemoSalon(panel.app.database, "main");
    await seedDemoWeek(panel.app.database, "main", new Date());
    const db = panel.app.database.db;
    await db
      .insertInto("person")
      .values({ telegram_id: OWNER_ID, first_name: "Olga", last_name: null, username: null, language_code: "ru" })
      .onConflict((conflict) => conflict.column("telegram_id").doUpdateSet({ language_code: "ru" }))
      .execute();
    await db.insertInto("bot_member").values({ bot_id: "main", telegram_id: OWNER_ID }).onConflict((conflict) => conflict.columns(["bot_id", "telegram_id"]).doNothing()).execute();
    const session = await startSession(db, { botId: "main", telegramId: OWNER_ID, kind: "cookie", via: "test", userAgent: "test", ip: null });
    cookie = { name: "botyard_session", value: session.secret, url: panel.app.url };
  });
  after(() => closePanelInBrowser(panel));

  test("an owner whose Telegram speaks Russian gets every page of the menu in Russian, though the browser asks for English", async () => {
    const { context, page, loaded } = await signedInContext();
    const missing: string[] = [];
    page.on("console", (message) => {
      if (/missing translation/i.test(message.text())) missing.push(message.text());
    });
    await page.goto(`${panel.app.url}/`);
    await page.getByRole("button", { name: "Выйти" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "ru");
    const links = await menuLinks(page);
    assert.ok(links.length >= 14, `the owner sees the whole menu (${links.join(", ")})`);
    for (const href of links) {
      await page.getByRole("navigation").locator(`a[href="${href}"]`).click();
      const heading = page.locator("main h1").first();
      await heading.waitFor();
      const title = (await heading.textContent()) ?? "";
      assert.match(title, CYRILLIC, `${href} is titled in Russian: ${title}`);
      await loaded();
      const texts = (await visibleTexts(page)).join(" ");
      assert.match(texts, CYRILLIC, href);
      if (href === "/booking/salon") await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-ru-salon.png"), fullPage: true });
      if (href === "/dashboard") await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-ru-dashboard.png"), fullPage: true });
      if (href === "/booking/clients") await shootClientCard(page, "ru");
    }
    await shootPhoneMenu(page, "ru");
    assert.deepEqual(missing, [], "no page asks for a text the catalogues lack");
    await context.close();
  });

  test("switching to English is remembered: after a reload and in a new session", async () => {
    const { context, page, loaded } = await signedInContext();
    await page.goto(`${panel.app.url}/bookings`);
    await page.getByRole("heading", { name: "Записи" }).waitFor();
    await page.getByLabel("Язык").selectOption("en");
    await page.getByRole("heading", { name: "Bookings" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    await page.reload();
    await page.getByRole("heading", { name: "Bookings" }).waitFor();
    await page.getByRole("navigation").locator('a[href="/booking/salon"]').click();
    await page.getByRole("heading", { name: "Salon" }).waitFor();
    await loaded();
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-en-salon.png"), fullPage: true });
    await page.getByRole("navigation").locator('a[href="/dashboard"]').click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await page.locator('[data-card="booking:today"]').waitFor();
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-en-dashboard.png"), fullPage: true });
    await page.getByRole("navigation").locator('a[href="/booking/clients"]').click();
    await shootClientCard(page, "en");
    await shootPhoneMenu(page, "en");
    const row = await panel.app.database.db.selectFrom("bot_member").select("panel_language").where("telegram_id", "=", OWNER_ID).executeTakeFirstOrThrow();
    assert.equal(row.panel_language, "en");

    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { name: "Сводка" }).waitFor();
    await context.close();
  });

  test("the sign-in pages follow the browser's language until someone is signed in", async () => {
    const russian = await panel.browser.newContext({ locale: "ru-RU" });
    const page = await russian.newPage();
    await page.goto(`${panel.app.url}/login`);
    await page.getByRole("heading", { name: "Нет ссылки для входа" }).waitFor();
    await page.goto(`${panel.app.url}/`);
    await page.getByRole("heading", { name: "Вход" }).waitFor();
    await russian.close();
    const english = await panel.browser.newContext({ locale: "en-US" });
    const englishPage = await english.newPage();
    await englishPage.goto(`${panel.app.url}/login#token=not-a-real-one`);
    await englishPage.getByRole("heading", { name: "Sign in to Botyard" }).waitFor();
    await english.close();
  });

  test("under the pseudo-locale, no page shows Latin text that came from neither a catalogue nor the API's data", async () => {
    const { context, page, loaded } = await signedInContext({ pseudo: true });
    const data = new Set<string>();
    const reading: Promise<void>[] = [];
    page.on("response", (response) => {
      if (!new URL(response.url()).pathname.startsWith("/api/") || !(response.headers()["content-type"] ?? "").includes("json")) return;
      reading.push(response.json().then((body: unknown) => stringsIn(body, data), () => undefined));
    });
    const stray: string[] = [];
    const check = async (where: string) => {
      await loaded();
      await Promise.all(reading);
      for (const text of await visibleTexts(page)) {
        if (LATIN.test(withoutData(text, data))) stray.push(`${where}: ${text}`);
      }
    };
    await page.goto(`${panel.app.url}/`);
    await page.locator("main h1").first().waitFor();
    const links = await menuLinks(page);
    assert.ok(links.length >= 14);
    for (const href of links) {
      await page.getByRole("navigation").locator(`a[href="${href}"]`).click();
      await page.locator("main h1").first().waitFor();
      await check(href);
    }
    // Opened parts: a booking's form, each tab of the Salon page.
    await page.getByRole("navigation").locator('a[href="/bookings"]').click();
    await page.locator(".booking-toolbar button.primary").click();
    await check("/bookings, new booking");
    await page.getByRole("navigation").locator('a[href="/booking/salon"]').click();
    for (const tab of await page.getByRole("tab").all()) {
      await tab.click();
      await check(`/booking/salon, ${(await tab.textContent()) ?? ""}`);
    }
    for (const path of ["/login", "/login#token=not-a-real-one"]) {
      await page.goto(`${panel.app.url}${path}`);
      await page.locator("main h1").waitFor();
      await check(path);
    }
    assert.deepEqual(stray, [], "every text on the page comes from a catalogue or from the data");
    await context.close();
  });
});
