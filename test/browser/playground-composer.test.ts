/**
 * The Playground's composer and contact-share box keep to Telegram's rules in a real browser, on a
 * phone: a booking-like bot asks for a phone, refuses a typed one and, once the contact is shared,
 * sends a summary whose Confirm the chat scrolls to; the share box checks the number without the
 * browser rejecting its pattern; and a text over 4,096 characters (a caption over 1,024) is held
 * back with the reason.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Update, User } from "@grammyjs/types";
import type { Locator, Page } from "playwright-core";
import { startPlaygroundStack, startScriptedBot, type BotCall, type PlaygroundStack, type ScriptedBot } from "./playground-support.ts";
import { browserSkipReason, gradientPng } from "./support.ts";

const TOKEN = "777002:playground-composer-test";
const SHARE_PHONE = { keyboard: [[{ text: "📱 Share my phone number", request_contact: true }]], resize_keyboard: true, one_time_keyboard: true };

/** A booking wizard's last steps: /book lists a few lines, asks for a phone, wants it shared, then sums up with Confirm. */
function startBookingBot(apiRoot: string): ScriptedBot {
  async function handle(update: Update, call: BotCall): Promise<void> {
    const message = update.message;
    if (message !== undefined) {
      const chat_id = message.chat.id;
      if (message.text === "/book") {
        for (let i = 1; i <= 8; i++) await call("sendMessage", { chat_id, text: `Step ${i} of the booking.\nA second line.\nAnd a third.` });
        await call("sendMessage", { chat_id, text: "Please share your phone number with the button below.", reply_markup: SHARE_PHONE });
      } else if (message.contact !== undefined) {
        await call("sendMessage", { chat_id, text: "Thank you!", reply_markup: { remove_keyboard: true } });
        await call("sendMessage", {
          chat_id,
          text: "Your booking:\nHaircut with Anna\nFriday, 11 December, 10:00\n45 min, €35.00\nPhone: " + message.contact.phone_number,
          reply_markup: { inline_keyboard: [[{ text: "✅ Confirm", callback_data: "confirm" }, { text: "Cancel", callback_data: "cancel" }]] },
        });
      } else if (message.text !== undefined) {
        await call("sendMessage", { chat_id, text: "Please use the “Share my phone number” button below.", reply_markup: SHARE_PHONE });
      }
    }
    const query = update.callback_query;
    if (query?.message !== undefined) await call("answerCallbackQuery", { callback_query_id: query.id, text: "Booked!" });
  }
  return startScriptedBot(apiRoot, TOKEN, handle);
}

/** Whether the element's box lies wholly inside the chat's scrolled message list. */
const inSight = (element: Locator) =>
  element.evaluate((el) => {
    const list = el.closest(".pg-messages");
    if (list === null) return false;
    const box = el.getBoundingClientRect();
    const view = list.getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;
  });

const skip = browserSkipReason();

describe("the Playground's composer and share box", { skip: skip ?? false }, () => {
  let stack: PlaygroundStack;
  let page: Page;
  let user: User;
  const pageErrors: string[] = [];
  const consoleProblems: string[] = [];

  before(async () => {
    stack = await startPlaygroundStack({ token: TOKEN, username: "salon_playground_bot", first_name: "Salon Bot" }, startBookingBot);
    user = stack.emulator.control.createUser({ first_name: "Ida", language_code: "en" });
    page = await stack.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") consoleProblems.push(message.text());
    });
    await page.goto(`${stack.webUrl}/playground?user=${user.id}`);
    await page.locator(".pg-chat-header").getByText("Ida").waitFor();
  });
  after(async () => {
    await page?.close();
    await stack?.close();
  });

  const sendText = async (text: string) => {
    await page.getByRole("textbox", { name: "Message" }).fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
  };
  const sharedContacts = async () =>
    (await stack.emulator.control.transcript({ chat_id: user.id })).filter((e) => e.direction === "from_user" && e.message?.contact !== undefined).map((e) => e.message?.contact?.phone_number);

  test("after a typed phone is refused and the contact shared, the chat scrolls to the summary's Confirm", async () => {
    await sendText("/book");
    await page.getByText("Please share your phone number").waitFor();
    await sendText("0151 2345678");
    await page.getByText("Please use the “Share my phone number” button below.").waitFor();
    // The reader scrolls back to the first steps before sharing.
    await page.locator(".pg-messages").hover();
    await page.mouse.wheel(0, -5000);
    await page.waitForFunction(() => document.querySelector(".pg-messages")?.scrollTop === 0);
    assert.equal(await inSight(page.getByText("Step 1 of the booking.")), true);

    await page.getByRole("group", { name: "Bot keyboard" }).getByRole("button", { name: "📱 Share my phone number" }).click();
    await page.getByLabel("Share phone number").fill("+49 151 2345678");
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const confirm = page.getByRole("button", { name: "✅ Confirm" });
    await confirm.waitFor();
    await page.waitForFunction(() => document.querySelector(".pg-contact-form") === null);
    // The list settles at the bottom: the newest message, Confirm and all, in sight.
    await page.waitForFunction(() => {
      const list = document.querySelector(".pg-messages");
      return list !== null && list.scrollHeight - list.scrollTop - list.clientHeight < 2;
    });
    assert.equal(await inSight(confirm), true, "Confirm is in sight");
    await confirm.click();
    await page.getByRole("status").filter({ hasText: "Booked!" }).waitFor();
  });

  test("the share box checks the phone with a pattern the browser accepts and flags an invalid one", async () => {
    await page.getByRole("button", { name: "Share contact" }).click();
    const phone = page.getByLabel("Share phone number");
    await phone.fill("call me maybe");
    await page.getByRole("button", { name: "Share", exact: true }).click();
    assert.equal(await phone.evaluate((el) => (el as HTMLInputElement).validity.patternMismatch), true, "a phone of letters is flagged");
    assert.equal(await page.locator("input[name=phone]:invalid").count(), 1);
    assert.deepEqual(await sharedContacts(), ["+49 151 2345678"], "nothing more was shared");

    await phone.fill("+1 (555) 000-1122");
    assert.equal(await phone.evaluate((el) => (el as HTMLInputElement).validity.valid), true, "a phone with spaces, brackets and dashes passes");
    await page.locator(".pg-contact-form").getByRole("button", { name: "Cancel" }).click();
    assert.deepEqual(consoleProblems.filter((text) => /pattern/i.test(text)), [], "the browser rejected no pattern");
  });

  test("a text over 4,096 characters and a caption over 1,024 are held back with the reason", async () => {
    const input = page.getByRole("textbox", { name: "Message" });
    const send = page.getByRole("button", { name: "Send", exact: true });
    await input.fill("x".repeat(4097));
    await page.getByText("4,097 characters: Telegram allows at most 4,096 in a message").waitFor();
    assert.equal(await send.isDisabled(), true);
    assert.equal(await input.getAttribute("aria-invalid"), "true");

    await input.fill("y".repeat(4096));
    assert.equal(await page.getByText("Telegram allows at most").count(), 0);
    await send.click();
    await page.locator(".pg-bubble-user", { hasText: "y".repeat(100) }).waitFor();
    const texts = (await stack.emulator.control.transcript({ chat_id: user.id })).filter((e) => e.direction === "from_user").map((e) => e.message?.text?.length);
    assert.equal(texts.at(-1), 4096);
    assert.equal(texts.includes(4097), false);

    await page.locator('[data-testid="attach-input"]').setInputFiles({ name: "hair.png", mimeType: "image/png", buffer: gradientPng(120, 80) });
    await input.fill("z".repeat(1025));
    await page.getByText("1,025 characters: Telegram allows at most 1,024 in a caption").waitFor();
    assert.equal(await send.isDisabled(), true);
    await input.fill("z".repeat(1024));
    assert.equal(await send.isDisabled(), false);
    await page.getByRole("button", { name: "Remove the attachment" }).click();

    assert.deepEqual(pageErrors, []);
    assert.deepEqual(stack.bot.errors, []);
  });
});
