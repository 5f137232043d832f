/**
 * A broadcast composed in the panel of a real browser reaches simulated users through the Bot
 * API emulator, skips the one who blocked the bot, and the list's report says so.
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
import { TelegramUser, eventually } from "../support/telegram-user.ts";
import { browserSkipReason, closePanelInBrowser, openPanelInBrowser, ROOT, signInThroughBot } from "./support.ts";

const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();
const SALE = "Spring sale: 20% off every haircut";

describe("broadcasts in a browser", { skip: browserSkipReason() ?? false }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    ({ database, emulator, app, browser, page } = await openPanelInBrowser({ viewport: { width: 1180, height: 900 }, pageErrors }));
  });
  after(() => closePanelInBrowser({ database, emulator, app, browser }));

  test("the owner sends a broadcast to everyone, and the report counts the blocked one", async () => {
    const owner = new TelegramUser(emulator.control, { id: OWNER_ID, first_name: "Olga", language_code: "en" });
    const clients = ["Anna", "Boris", "Chen", "Dana"].map((name) => new TelegramUser(emulator.control, { first_name: name, language_code: "en" }));
    for (const person of [owner, ...clients]) {
      person.send("/start");
      await person.reply();
    }
    const leaver = clients[3];
    assert.ok(leaver !== undefined);
    leaver.block();
    await eventually(async () => {
      const row = await app.database.db.selectFrom("bot_member").select("blocked_at").where("telegram_id", "=", leaver.id).executeTakeFirst();
      return row?.blocked_at !== null && row?.blocked_at !== undefined;
    }, "the blocked client is marked");

    await signInThroughBot(page, owner);
    await page.getByRole("navigation", { name: "Panel" }).getByRole("link", { name: "Broadcasts" }).click();

    await page.getByLabel("Text").fill(`<b>${SALE}</b>\nBook in the bot.`);
    await page.getByRole("status", { name: "Audience size" }).filter({ hasText: "5 people, of whom 1 blocked the bot" }).waitFor();
    await page.getByRole("button", { name: "Send now" }).click();

    const row = page.getByRole("row", { name: new RegExp(SALE) });
    await row.getByText("Done").waitFor({ timeout: 60_000 });
    await row.getByText("4 sent, 1 blocked, 0 failed").waitFor();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, "panel-broadcasts.png"), fullPage: true });

    for (const person of [owner, ...clients.slice(0, 3)]) {
      const received = (await person.botMessages()).filter((sent) => sent.text?.includes(SALE) === true);
      assert.equal(received.length, 1, `${person.id} gets the broadcast once`);
      assert.ok(received[0]?.entities?.some((entity) => entity.type === "bold"), "its formatting arrives");
    }
    assert.equal((await leaver.botMessages()).filter((sent) => sent.text?.includes(SALE) === true).length, 0);
    assert.deepEqual(pageErrors, []);
  });
});
