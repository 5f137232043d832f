/**
 * The panel in a real browser against the whole app and the Bot API emulator: the owner signs
 * in through the link the bot sends after /login, sees the dashboard, approves a stranger's
 * request (who is told in the bot), reads the audit log, and ends this device's session.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { RunningApp } from "../../src/main.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID } from "../support/app.ts";
import type { TestDatabase } from "../support/databases.ts";
import { TelegramUser } from "../support/telegram-user.ts";
import { browserSkipReason, closePanelInBrowser, openPanelInBrowser, ROOT } from "./support.ts";

// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; otherwise they go to a temporary directory.
const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();
const shoot = async (page: Page, name: string) => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `panel-${name}.png`), fullPage: true });
};

async function loginLink(user: TelegramUser): Promise<string> {
  user.send("/login");
  const message = await user.replyContaining("login link");
  const button = message.reply_markup?.inline_keyboard.flat().find((candidate) => "url" in candidate);
  assert.ok(button !== undefined && "url" in button);
  return button.url;
}

/** A stranger goes through "Apply for access" in the bot. */
async function apply(stranger: TelegramUser, name: string): Promise<void> {
  stranger.send("/start");
  stranger.pressButton(await stranger.replyContaining("What would you like to do"), "Apply for access");
  await stranger.replyContaining("What is your name");
  stranger.send(name);
  await stranger.replyContaining("share your phone number");
  stranger.shareContact("+4915112345678");
  await stranger.replyContaining("Anything the admins should know");
  stranger.send("New receptionist, invited by Olga");
  stranger.pressButton(await stranger.replyContaining("Send it to the admins?"), "Send");
  await stranger.replyContaining("has been sent");
}

const skip = browserSkipReason();

/** Waits until `check` holds (a dialog handler ran). */
async function eventuallyTrue(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(check());
}

describe("the panel in a browser", { skip: skip ?? false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let owner: TelegramUser;
  const pageErrors: string[] = [];

  before(async () => {
    ({ database, emulator, app, browser, page } = await openPanelInBrowser({ viewport: { width: 1180, height: 820 }, pageErrors }));
    owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
  });
  after(() => closePanelInBrowser({ database, emulator, app, browser }));

  test("the owner signs in with the link the bot sent and sees the dashboard", async () => {
    owner.send("/start");
    await owner.reply();
    const link = await loginLink(owner);
    await page.goto(link);
    await page.getByRole("heading", { name: "Sign in to Botyard" }).waitFor();
    assert.ok(!page.url().includes("token="), "the token is taken out of the address bar");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    await page.getByText(/Live figures, updated/).waitFor();
    const waiting = page.locator('[data-card="access:requests"] .figure', { hasText: "Waiting for a decision" }).locator("strong");
    assert.equal(await waiting.textContent(), "0");
    await page.locator('[data-card="booking:today"]').getByRole("link", { name: "Today's visits" }).waitFor();
    await page.getByRole("link", { name: /The bot's own figures/ }).click();
    await page.getByRole("heading", { name: "Activity" }).waitFor();
    const staff = page.locator(".figure", { hasText: "Staff" }).locator("strong");
    assert.equal(await staff.textContent(), "1");
  });

  test("a stranger applies in the bot, the owner approves in the panel, and the applicant is told", async () => {
    const stranger = new TelegramUser(emulator.control, { first_name: "Petra", language_code: "en" });
    await apply(stranger, "Petra Novak");

    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Requests" }).click();
    const card = page.getByRole("article", { name: "Request of Petra Novak" });
    await card.waitFor();
    await card.getByText("New receptionist, invited by Olga").waitFor();
    await shoot(page, "requests");
    await card.getByRole("combobox", { name: "Role" }).selectOption("admin");
    await card.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("status").filter({ hasText: "Petra Novak is approved as admin." }).waitFor();
    await card.waitFor({ state: "detached" });

    const notice = await stranger.replyContaining("approved");
    assert.match(notice.text ?? "", /Your role: admin/);

    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "People" }).click();
    const petra = page.getByRole("row", { name: /Petra/ });
    await petra.getByText("Staff").waitFor();
    await petra.getByText("admin").waitFor();
    await shoot(page, "people");

    // On a phone the wide table scrolls inside its box; the page itself does not.
    await page.setViewportSize({ width: 390, height: 780 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
    await page.setViewportSize({ width: 1180, height: 820 });
  });

  test("blocking asks first, saying what it ends; saying no changes nothing", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "People" }).click();
    const petra = page.getByRole("row", { name: /Petra/ });
    await petra.getByLabel(/Reason for blocking|reason/i).fill("Left the salon");
    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await petra.getByRole("button", { name: "Block" }).click();
    await eventuallyTrue(() => asked.length === 1);
    assert.match(asked[0] ?? "", /takes every role they hold, ends all their sessions/);
    await petra.getByText("Staff").waitFor();
    page.once("dialog", (dialog) => void dialog.accept());
    await petra.getByRole("button", { name: "Block" }).click();
    await petra.getByText("Blocked").waitFor();
  });

  test("the audit log shows the approval and filters by action", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("cell", { name: "access.request.approve" }).waitFor();
    await page.getByLabel("Action (or its start, like access)").fill("access.request");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByRole("cell", { name: "access.request.apply" }).waitFor();
    await page.getByRole("cell", { name: "access.sign-in" }).waitFor({ state: "detached" });
    const csv = await page.request.get(`${app.url}/api/audit.csv?action=access.request`);
    assert.equal(csv.status(), 200);
    assert.match((await csv.text()).split("\r\n")[1] ?? "", /access\.request\.approve/);
    await shoot(page, "audit");
  });

  test("ending this device's session signs the panel out", async () => {
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Sessions" }).click();
    const thisDevice = page.getByRole("row", { name: /This device/ }).first();
    await thisDevice.waitFor();
    await thisDevice.getByText("Login link").waitFor();
    await shoot(page, "sessions");
    await thisDevice.getByRole("button", { name: /End the session/ }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByText("Send /login to the bot").waitFor();
    const me = await page.request.get(`${app.url}/api/me`);
    assert.equal(me.status(), 401);
    assert.deepEqual(pageErrors, []);
  });
});
