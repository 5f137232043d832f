import { tmpdir } from "node:os";
/**
 * The Playground in a real browser: the built page, served with the sandbox proxy in front of the
 * Bot API emulator, and a small bot that talks through the emulator's Bot API. A person creates a
 * user, sends /start, sees formatting, presses inline buttons, shares a contact through a reply
 * keyboard and sends a photo. Does not need the full app.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Message, Update, User } from "@grammyjs/types";
import type { Page } from "playwright-core";
import { startPlaygroundStack, startScriptedBot, type BotCall, type PlaygroundStack, type ScriptedBot } from "./playground-support.ts";
import { ROOT, browserSkipReason, gradientPng } from "./support.ts";

const TOKEN = "777000:playground-test";
// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; otherwise a test run leaves
// the working tree as it was.
const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === "1" ? resolve(ROOT, "docs/screenshots") : tmpdir();
const SCREENSHOT = resolve(SCREENSHOT_DIR, "playground.png");
const PHONE_SCREENSHOT = resolve(SCREENSHOT_DIR, "playground-phone.png");

/** A tiny bot, speaking plain Bot API over HTTP to the emulator: getUpdates in a loop, one reply per update. */
function startDemoBot(apiRoot: string): ScriptedBot {
  async function uploadPhoto(call: BotCall, chatId: number, caption: string): Promise<void> {
    const form = new FormData();
    form.set("chat_id", String(chatId));
    form.set("caption", caption);
    form.set("parse_mode", "HTML");
    form.set("photo", new Blob([new Uint8Array(gradientPng(320, 200))], { type: "image/png" }), "reply.png");
    await call("sendPhoto", form);
  }

  async function handle(update: Update, call: BotCall): Promise<void> {
    const message = update.message;
    if (message !== undefined) {
      const chat_id = message.chat.id;
      if (message.text === "/start") {
        await call("sendMessage", {
          chat_id,
          parse_mode: "HTML",
          text:
            '<b>Welcome to the demo</b>, <i>friend</i>!\nTry the <code>buttons</code> below, or read <a href="https://example.com/docs">the docs</a>.' +
            "\n<blockquote>Quotes, <u>underline</u>, <s>strikethrough</s> and a <tg-spoiler>spoiler</tg-spoiler> work too.</blockquote>",
          reply_markup: { inline_keyboard: [[{ text: "Press me", callback_data: "press" }], [{ text: "Docs", url: "https://example.com/docs" }]] },
        });
        await call("sendMessage", {
          chat_id,
          text: "To book, share your phone number:",
          reply_markup: { keyboard: [[{ text: "Share my phone", request_contact: true }], [{ text: "Hello" }]], resize_keyboard: true },
        });
      } else if (message.text === "Hello") {
        const form = new FormData();
        form.set("chat_id", String(chat_id));
        form.set("caption", "Hello to you too. Here are the opening hours.");
        form.set("document", new Blob(["Mon-Fri 9-18\n"], { type: "text/plain" }), "hours.txt");
        await call("sendDocument", form);
      } else if (message.contact !== undefined) {
        await call("sendMessage", {
          chat_id,
          parse_mode: "HTML",
          text: `Thanks, I saved <code>${message.contact.phone_number}</code>.`,
          reply_markup: { remove_keyboard: true },
        });
      } else if (message.photo !== undefined) {
        await call("sendChatAction", { chat_id, action: "upload_photo" });
        await uploadPhoto(call, chat_id, `<i>Nice one!</i> Here is mine. Your caption: ${message.caption ?? "(none)"}`);
      }
      return;
    }
    const query = update.callback_query;
    if (query?.message !== undefined) {
      const target = { chat_id: query.message.chat.id, message_id: query.message.message_id };
      if (query.data === "press") {
        await call("answerCallbackQuery", { callback_query_id: query.id, text: "Pressed!" });
        await call("editMessageText", {
          ...target,
          parse_mode: "HTML",
          text: "<b>Pressed</b>, thanks! This message was edited in place.",
          reply_markup: { inline_keyboard: [[{ text: "Show an alert", callback_data: "alert" }]] },
        });
      } else if (query.data === "alert") {
        await call("answerCallbackQuery", { callback_query_id: query.id, text: "Careful: this is an alert.", show_alert: true });
      }
    }
  }

  return startScriptedBot(apiRoot, TOKEN, handle, async (call) => {
    await call("setMyCommands", { commands: [{ command: "start", description: "Start over" }, { command: "help", description: "What I can do" }] });
  });
}

async function waitForImages(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll<HTMLImageElement>("img.pg-photo")];
    return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0);
  });
}

/** A reason to skip (no Chromium on a user's machine); never under CI=true. */
const skip = browserSkipReason();

describe("Playground in a browser", { skip: skip ?? false }, () => {
  let stack: PlaygroundStack;
  before(async () => {
    stack = await startPlaygroundStack({ token: TOKEN, username: "demo_playground_bot", first_name: "Demo Bot" }, startDemoBot);
  });
  after(() => stack?.close());

  test("a person chats with the bot as a simulated user", async () => {
    const { emulator, browser, webUrl, bot } = stack;
    const page = await browser.newPage({ viewport: { width: 1180, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    await page.goto(`${webUrl}/playground`);
    await page.getByRole("heading", { name: "Playground" }).waitFor();

    // Create a user: their chat opens.
    await page.getByLabel("First name").fill("Alice");
    await page.getByLabel("Username (optional)").fill("alice");
    await page.getByRole("button", { name: "Create user" }).click();
    const header = page.locator(".pg-chat-header");
    await header.getByText("Alice").waitFor();
    const alice = emulator.control.state().users.find((u: User) => u.first_name === "Alice");
    assert.ok(alice, "the user exists in the emulator");
    assert.equal(alice.username, "alice");
    assert.equal(alice.language_code, "en");
    await header.getByText(`#${alice.id}`).waitFor();

    // Send /start: formatted text, inline keyboard, reply keyboard.
    await page.getByRole("textbox", { name: "Message" }).fill("/start");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.locator(".pg-bubble-bot strong", { hasText: "Welcome to the demo" }).waitFor();
    assert.equal(await page.locator(".pg-bubble-bot em", { hasText: "friend" }).count(), 1);
    assert.equal(await page.locator(".pg-bubble-bot code", { hasText: "buttons" }).count(), 1);
    assert.equal(await page.locator(".pg-bubble-bot a", { hasText: "the docs" }).getAttribute("href"), "https://example.com/docs");
    assert.equal(await page.locator(".pg-bubble-bot blockquote u", { hasText: "underline" }).count(), 1);
    assert.equal(await page.locator(".pg-bubble-bot blockquote s", { hasText: "strikethrough" }).count(), 1);
    assert.equal(await page.locator(".pg-bubble-bot .pg-spoiler", { hasText: "spoiler" }).count(), 1);
    assert.equal(await page.locator(".pg-bubble-user", { hasText: "/start" }).count(), 1);
    await page.getByRole("group", { name: "Bot keyboard" }).getByRole("button", { name: "Share my phone" }).waitFor();

    // Press an inline button: the toast shows the callback answer, the message is edited in place.
    const botBubbles = await page.locator(".pg-bubble-bot").count();
    await page.getByRole("button", { name: "Press me" }).click();
    await page.locator(".pg-bubble-bot strong", { hasText: "Pressed" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Pressed!" }).waitFor();
    assert.equal(await page.getByText("Welcome to the demo").count(), 0, "the old text is replaced");
    assert.equal(await page.locator(".pg-bubble-bot").count(), botBubbles, "no new bubble for an edit");
    assert.equal(await page.locator(".pg-edited").count(), 1);

    // An alert answer is a dialog.
    await page.getByRole("button", { name: "Show an alert" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Careful: this is an alert.").waitFor();
    await dialog.getByRole("button", { name: "OK" }).click();
    await dialog.waitFor({ state: "hidden" });

    // Share a contact through the reply keyboard's request_contact button.
    await page.getByRole("button", { name: "Share my phone" }).click();
    await page.getByLabel("Share phone number").fill("+15550001122");
    await page.getByRole("button", { name: "Share", exact: true }).click();
    await page.locator(".pg-bubble-user .pg-contact-phone", { hasText: "+15550001122" }).waitFor();
    const transcript = await emulator.control.transcript({ chat_id: alice.id });
    const contact = transcript.find((e) => e.direction === "from_user" && e.message?.contact !== undefined)?.message?.contact;
    assert.deepEqual(contact, { phone_number: "+15550001122", first_name: "Alice", user_id: alice.id });
    await page.locator(".pg-bubble-bot code", { hasText: "+15550001122" }).waitFor();
    await page.getByRole("group", { name: "Bot keyboard" }).waitFor({ state: "detached" });

    // Send a photo with a caption; the bot answers with a photo of its own.
    await page.locator('[data-testid="attach-input"]').setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: gradientPng(240, 160) });
    await page.getByRole("textbox", { name: "Message" }).fill("My cat");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.locator(".pg-bubble-user img.pg-photo").waitFor();
    await page.locator(".pg-bubble-user .pg-caption", { hasText: "My cat" }).waitFor();
    await page.locator(".pg-bubble-bot img.pg-photo").waitFor();
    await waitForImages(page);
    const sentPhoto = (await emulator.control.transcript({ chat_id: alice.id })).find((e) => e.direction === "from_user" && e.message?.photo !== undefined)?.message as
      | Message.PhotoMessage
      | undefined;
    assert.equal(sentPhoto?.caption, "My cat");
    assert.deepEqual([sentPhoto?.photo.at(-1)?.width, sentPhoto?.photo.at(-1)?.height], [240, 160]);

    // The bot's commands are in the "/" menu; choosing one sends it (and the keyboard comes back).
    await page.getByRole("button", { name: "Bot commands" }).click();
    await page.getByRole("menuitem", { name: /\/help/ }).waitFor();
    await page.getByRole("menuitem", { name: /\/start/ }).click();
    await page.getByRole("menu").waitFor({ state: "detached" });
    await page.getByRole("group", { name: "Bot keyboard" }).getByRole("button", { name: "Share my phone" }).waitFor();
    assert.equal(await page.locator(".pg-bubble-bot strong", { hasText: "Welcome to the demo" }).count(), 1);

    // A plain reply keyboard button sends its text; a document comes back as a download link.
    await page.getByRole("group", { name: "Bot keyboard" }).getByRole("button", { name: "Hello" }).click();
    await page.locator(".pg-bubble-user", { hasText: "Hello" }).waitFor();
    const documentLink = page.locator(".pg-bubble-bot a.pg-document", { hasText: "hours.txt" });
    await documentLink.waitFor();
    assert.equal(await documentLink.getAttribute("download"), "hours.txt");
    const href = await documentLink.getAttribute("href");
    assert.match(href ?? "", /^\/sandbox\/control\/files\//);
    const downloaded = await page.request.get(`${webUrl}${href}`);
    assert.equal(await downloaded.text(), "Mon-Fri 9-18\n");

    // A failing request shows an error line, not a blank page.
    await page.route("**/sandbox/control/send", (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: "boom" }) }));
    await page.getByRole("textbox", { name: "Message" }).fill("will fail");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "Sending failed: boom" }).waitFor();
    await page.unroute("**/sandbox/control/send");
    await page.getByRole("button", { name: "Dismiss the error" }).click();
    await page.getByRole("textbox", { name: "Message" }).fill("");

    // A clean picture: no toast left over from the button presses.
    await page.getByRole("status").waitFor({ state: "detached" });
    await mkdir(resolve(SCREENSHOT, ".."), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    await page.setViewportSize({ width: 390, height: 780 });
    await waitForImages(page);
    await page.screenshot({ path: PHONE_SCREENSHOT });
    // On a phone the user list is one tap away.
    await page.getByRole("button", { name: "Back to users" }).click();
    await page.getByRole("button", { name: /Alice/ }).waitFor();

    assert.deepEqual(pageErrors, []);
    assert.deepEqual(bot.errors, []);
    await page.close();
  });

  test("a reload reopens the same chat with its history", async () => {
    const { emulator, browser, webUrl } = stack;
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const alice = emulator.control.state().users.find((u: User) => u.first_name === "Alice");
    assert.ok(alice);
    await page.goto(`${webUrl}/playground?user=${alice.id}`);
    await page.locator(".pg-bubble-bot strong", { hasText: "Pressed" }).waitFor();
    assert.equal(await page.locator(".pg-bubble-bot strong", { hasText: "Pressed" }).count(), 1);
    // History does not replay old callback answers as toasts.
    assert.equal(await page.getByRole("status").count(), 0);
    await page.close();
  });
});
