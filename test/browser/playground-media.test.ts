/**
 * The Playground's media in a real browser: a person sends a photo album, a location, a sticker,
 * a voice note and a video, and edits a message they sent; a small bot answers an album with an album, a location
 * with a document, a sticker with the same sticker and an edit with what it now says.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Message } from "@grammyjs/types";
import { startPlaygroundStack, startScriptedBot, type PlaygroundStack, type ScriptedBot } from "./playground-support.ts";
import { TINY_MP4 } from "../sandbox/helpers.ts";
import { browserSkipReason, gradientPng } from "./support.ts";

const TOKEN = "777001:playground-media-test";

function startMediaBot(apiRoot: string): ScriptedBot {
  const answeredAlbums = new Set<string>();
  return startScriptedBot(apiRoot, TOKEN, async (update, call) => {
    const edited = update.edited_message;
    if (edited?.text !== undefined) {
      await call("sendMessage", { chat_id: edited.chat.id, text: `You changed it to: ${edited.text}` });
      return;
    }
    const message = update.message;
    if (message === undefined) return;
    const chat_id = message.chat.id;
    if (message.media_group_id !== undefined) {
      if (answeredAlbums.has(message.media_group_id)) return;
      answeredAlbums.add(message.media_group_id);
      const form = new FormData();
      form.set("chat_id", String(chat_id));
      form.set("media", JSON.stringify([{ type: "photo", media: "attach://one", caption: "Two of mine" }, { type: "photo", media: "attach://two" }]));
      form.set("one", new Blob([new Uint8Array(gradientPng(200, 120))], { type: "image/png" }), "one.png");
      form.set("two", new Blob([new Uint8Array(gradientPng(120, 200))], { type: "image/png" }), "two.png");
      await call("sendMediaGroup", form);
    } else if (message.location !== undefined) {
      const form = new FormData();
      form.set("chat_id", String(chat_id));
      form.set("caption", "Your route");
      form.set("document", new Blob([`Route to ${message.location.latitude},${message.location.longitude}\n`], { type: "text/plain" }), "route.txt");
      await call("sendDocument", form);
    } else if (message.sticker !== undefined) {
      await call("sendSticker", { chat_id, sticker: message.sticker.file_id });
    }
  });
}

const skip = browserSkipReason();

describe("Playground media in a browser", { skip: skip ?? false }, () => {
  let stack: PlaygroundStack;
  before(async () => {
    stack = await startPlaygroundStack({ token: TOKEN, username: "media_bot", first_name: "Media Bot" }, startMediaBot);
  });
  after(() => stack?.close());

  test("a person sends an album, a location, a sticker, a voice note and a video, and edits a message", async () => {
    const { emulator, browser, webUrl, bot } = stack;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${webUrl}/playground`);
    await page.getByLabel("First name").fill("Mia");
    await page.getByRole("button", { name: "Create user" }).click();
    await page.locator(".pg-chat-header").getByText("Mia").waitFor();
    const mia = emulator.control.state().users.find((u) => u.first_name === "Mia");
    assert.ok(mia);
    const fromUser = async (): Promise<Message[]> =>
      (await emulator.control.transcript({ chat_id: mia.id })).filter((e) => e.direction === "from_user").map((e) => e.message as Message);

    // Two photos picked at once go as one album with the caption on the first.
    await page.locator('[data-testid="attach-input"]').setInputFiles([
      { name: "beach.png", mimeType: "image/png", buffer: gradientPng(240, 160) },
      { name: "hills.png", mimeType: "image/png", buffer: gradientPng(160, 240) },
    ]);
    await page.getByText("an album; the text becomes its caption").waitFor();
    await page.getByRole("textbox", { name: "Message" }).fill("Our trip");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const userAlbum = page.locator(".pg-bubble-user.pg-album");
    await userAlbum.getByRole("group", { name: "Album of 2" }).waitFor();
    assert.equal(await userAlbum.locator("img.pg-photo").count(), 2);
    await userAlbum.locator(".pg-caption", { hasText: "Our trip" }).waitFor();
    const album = await fromUser();
    assert.equal(album.length, 2);
    assert.ok(album[0]?.media_group_id !== undefined && album[0].media_group_id === album[1]?.media_group_id, "one media_group_id");
    assert.deepEqual([album[0]?.caption, album[1]?.photo?.[0]?.width], ["Our trip", 160]);

    // The bot's album is one bubble too.
    const botAlbum = page.locator(".pg-bubble-bot.pg-album");
    await botAlbum.getByRole("group", { name: "Album of 2" }).waitFor();
    await botAlbum.locator(".pg-caption", { hasText: "Two of mine" }).waitFor();

    // A location from the form; the bot answers with a document that downloads.
    await page.getByRole("button", { name: "Share location" }).click();
    await page.getByLabel("Latitude").fill("48.13743");
    await page.getByLabel("Longitude").fill("11.57549");
    await page.locator(".pg-location-form").getByRole("button", { name: "Share location" }).click();
    await page.locator(".pg-bubble-user .pg-location-coordinates", { hasText: "48.13743, 11.57549" }).waitFor();
    assert.deepEqual((await fromUser()).at(-1)?.location, { latitude: 48.13743, longitude: 11.57549 });
    const documentLink = page.locator(".pg-bubble-bot a.pg-document", { hasText: "route.txt" });
    await documentLink.waitFor();
    await page.locator(".pg-bubble-bot .pg-caption", { hasText: "Your route" }).waitFor();
    const downloaded = await page.request.get(`${webUrl}${await documentLink.getAttribute("href")}`);
    assert.equal(await downloaded.text(), "Route to 48.13743,11.57549\n");

    // A sticker from the picker is a WebP the bot sends back by file_id.
    await page.getByRole("button", { name: "Send a sticker" }).click();
    await page.getByRole("button", { name: "Sticker 👍" }).click();
    await page.locator(".pg-bubble-user img.pg-sticker").waitFor();
    await page.locator(".pg-bubble-bot img.pg-sticker").waitFor();
    const sticker = (await fromUser()).at(-1)?.sticker;
    assert.deepEqual([sticker?.emoji, sticker?.width, sticker?.height], ["👍", 512, 512]);

    // A voice note is playable and a video shows as a video, both served from the emulator.
    await page.locator('[data-testid="attach-input"]').setInputFiles({ name: "note.ogg", mimeType: "audio/ogg", buffer: Buffer.from("OggS not really opus") });
    await page.getByText("voice message; the text becomes its caption").waitFor();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const voiceSrc = await page.locator(".pg-bubble-user audio.pg-voice").getAttribute("src");
    assert.equal(await (await page.request.get(`${webUrl}${voiceSrc}`)).text(), "OggS not really opus");
    await page.locator('[data-testid="attach-input"]').setInputFiles({ name: "clip.mp4", mimeType: "video/mp4", buffer: TINY_MP4 });
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.locator(".pg-bubble-user video.pg-video").waitFor();
    assert.deepEqual([(await fromUser()).at(-1)?.video?.file_name, (await fromUser()).at(-2)?.voice?.mime_type], ["clip.mp4", "audio/ogg"]);

    // Editing a sent message replaces it in place; the bot gets edited_message.
    await page.getByRole("textbox", { name: "Message" }).fill("See you at 10");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const bubble = page.locator(".pg-bubble-user", { hasText: "See you at 10" });
    await bubble.getByRole("button", { name: "Edit" }).click();
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>("textarea.pg-input")?.value === "See you at 10");
    await page.getByRole("textbox", { name: "Message" }).fill("See you at 11");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.locator(".pg-bubble-user", { hasText: "See you at 11" }).locator(".pg-edited").waitFor();
    assert.equal(await page.locator(".pg-bubble-user", { hasText: "See you at 10" }).count(), 0);
    await page.locator(".pg-bubble-bot", { hasText: "You changed it to: See you at 11" }).waitFor();
    assert.equal(emulator.control.updates().filter((u) => u.edited_message?.text === "See you at 11").length, 1);

    assert.deepEqual(pageErrors, []);
    assert.deepEqual(bot.errors, []);
    await page.close();
  });
});
