/**
 * The panel's Texts, Settings and Backups pages in a real browser, against the real app and the
 * Bot API emulator. The owner signs in with the link the bot sends to /login, edits a text, and
 * the bot's next answer in the emulator's transcript is the edited text.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { RunningApp } from "../../src/main.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, shippedMigrations, startAppInProcess, startEmulator } from "../support/app.ts";
import { freshPglite, tempDir, type TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";
import { ROOT, browserSkipReason, ensureWebBuilt, launchChromium, signInThroughBot } from "./support.ts";

// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1 only.
const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();

describe("the panel's texts, settings and backups pages in a browser", { skip: browserSkipReason() ?? false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let owner: TelegramUser;
  let backupDir: string;

  before(async () => {
    ensureWebBuilt();
    database = await freshPglite(shippedMigrations);
    backupDir = tempDir("botyard-browser-backups-");
    emulator = await startEmulator();
    owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
    app = await startAppInProcess(appEnv(emulator.url, database, { BACKUP_DIR: backupDir }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1180, height: 900 } });
    await signInThroughBot(page, owner);
    await page.getByRole("navigation", { name: "Panel" }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await app?.stop("test over");
    await emulator?.close();
    await database?.drop();
    rmSync(backupDir, { recursive: true, force: true });
  });

  test("an owner edits a text in the panel and the bot uses it", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Texts" }).click();
    await page.getByRole("heading", { name: "Texts", level: 1 }).waitFor();
    await page.getByLabel("Search").fill("home-greeting");
    const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "home-greeting", exact: true }) });
    await entry.getByRole("button", { name: "Edit home-greeting", exact: true }).click();

    const textarea = page.getByLabel("Text for home-greeting");
    await textarea.fill("Hi { $nmae }!");
    await entry.getByRole("button", { name: "Save" }).click();
    assert.match((await entry.getByRole("alert").textContent()) ?? "", /cannot use \{ \$nmae \}/, "the problem shows beside the text");

    await textarea.fill("Good to see you, { $name }! Choose below:");
    await entry.getByRole("button", { name: "Save" }).click();
    await entry.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await entry.getByText("edited", { exact: true }).waitFor();
    if (process.env.UPDATE_SCREENSHOTS === "1") {
      await page.getByLabel("Search").fill("");
      await page.getByRole("heading", { name: "help", exact: true }).waitFor();
    }
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-texts.png") });

    const client = new TelegramUser(emulator.control, { first_name: "Rita", language_code: "en" });
    client.send("/start");
    assert.equal((await client.reply()).text, "Good to see you, Rita! Choose below:");

    await page.getByLabel("Search").fill("home-greeting");
    await entry.getByRole("button", { name: "Reset to default home-greeting" }).click();
    await entry.getByRole("status").filter({ hasText: "Back to the default" }).waitFor();
    client.send("/start");
    assert.match((await client.reply()).text ?? "", /^Hello, Rita!/);
  });

  test("an owner switches a module off in the settings, and its menu entry leaves the bot", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Bot settings" }).waitFor();
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByRole("checkbox", { name: "feedback" }).uncheck();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-settings.png") });

    const client = new TelegramUser(emulator.control, { first_name: "Sam", language_code: "en" });
    client.send("/start");
    const home = await client.reply();
    assert.ok(!(home.reply_markup?.inline_keyboard.flat() ?? []).some((button) => button.text.includes("Write to us")));

    await page.getByRole("checkbox", { name: "Русский" }).uncheck();
    await page.getByRole("checkbox", { name: "English" }).uncheck();
    await page.getByRole("button", { name: "Save settings" }).click();
    assert.equal(await page.getByRole("alert").textContent(), "Choose at least one language.");

    await page.getByRole("checkbox", { name: "English" }).check();
    await page.getByRole("checkbox", { name: "feedback" }).check();
    await page.getByLabel("Note marker in staff groups").fill("//");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await page.reload();
    assert.equal(await page.getByLabel("Note marker in staff groups").inputValue(), "//");
    client.send("/start");
    assert.ok((await client.reply()).reply_markup?.inline_keyboard.flat().some((button) => button.text.includes("Write to us")));
  });

  test("the audit log shows the last settings save as the fields it changed, each from old to new", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByLabel("Action (or its start, like access)").fill("settings.update");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByRole("cell", { name: "access.sign-in" }).waitFor({ state: "detached" });
    const lastSave = page.getByRole("row").filter({ hasText: "settings.update" }).first();
    const lines = await lastSave.getByRole("listitem").allTextContents();
    // Feedback back on enabled every module again, which settings keep as no list at all.
    assert.deepEqual(lines.toSorted(), ["languages: en, ru → en", "modules: access, booking → —", "noteMarker: #note → //"], "the time zone and staff applications stayed as they were");
    assert.equal(await lastSave.locator("td").filter({ hasText: "{" }).count(), 0, "no raw JSON");
  });

  test("an owner backs up now, sees the new backup listed for download, and reads how to restore", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Backups" }).click();
    await page.getByRole("heading", { name: "Backups", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Back up now" }).click();
    await page.getByRole("status").filter({ hasText: "Backup written." }).waitFor({ timeout: 45_000 });
    const link = page.getByRole("table", { name: "Backups" }).getByRole("link", { name: /^botyard-.*\.tar\.gz$/ });
    await link.waitFor();
    const href = await link.getAttribute("href");
    const download = await page.request.get(`${app.url}${href ?? ""}`);
    assert.equal(download.status(), 200);
    assert.ok((await download.body()).length > 1000);
    await page.getByRole("heading", { name: "Restoring a backup" }).waitFor();
    assert.match((await page.getByRole("region", { name: "Restoring a backup" }).textContent()) ?? "", /botyard restore .*botyard-.*\.tar\.gz/);
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-backups.png"), fullPage: true });
  });

  test("the pages fit a phone", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: await page.context().storageState() });
    await phone.goto(`${app.url}/texts`);
    await phone.getByRole("heading", { name: "Texts", level: 1 }).waitFor();
    await phone.getByRole("button", { name: "Edit help", exact: true }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, "nothing is wider than the screen");
    await phone.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-texts-phone.png") });
    await phone.close();
  });
});
