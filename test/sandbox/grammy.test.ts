import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { Message } from "@grammyjs/types";
import { BOT_ID, TINY_MP4, TINY_PNG, TOKEN, startEmulator, until, webpHeader } from "./helpers.ts";

describe("grammY against the emulator", () => {
  test("a grammY bot answers an album with an album, a location with a location, and sees edits", async () => {
    const { url, emu } = await startEmulator();
    const bot = new Bot(TOKEN, { client: { apiRoot: url } });
    const albums = new Set<string>();
    bot.on("message:photo", async (ctx) => {
      const group = ctx.message.media_group_id;
      if (group === undefined || albums.has(group)) return;
      albums.add(group);
      await ctx.replyWithMediaGroup([
        { type: "photo", media: new InputFile(TINY_PNG, "a.png"), caption: "Back at you" },
        { type: "video", media: new InputFile(TINY_MP4, "b.mp4"), duration: 1 },
      ]);
    });
    bot.on("message:location", async (ctx) => {
      await ctx.replyWithLocation(ctx.message.location.latitude + 1, ctx.message.location.longitude);
      await ctx.replyWithSticker(new InputFile(webpHeader(512, 512), "s.webp"), { emoji: "📍" });
    });
    bot.on("edited_message:text", (ctx) => ctx.reply(`Now: ${ctx.editedMessage.text}`));
    bot.catch((err) => {
      throw err.error;
    });
    const running = bot.start({ drop_pending_updates: true, timeout: 1 });
    await until(() => bot.isRunning() && (emu.control.stats().calls["getUpdates"] ?? 0) > 0, "the bot to poll");

    const user = emu.control.createUser({ first_name: "Ann" });
    const png = TINY_PNG.toString("base64");
    emu.control.send({ from: user.id, media_group: [{ type: "photo", base64: png }, { type: "photo", base64: png }] });
    emu.control.send({ from: user.id, location: { latitude: 10, longitude: 20 } });
    const sent = emu.control.send({ from: user.id, text: "at 10" });
    emu.control.edit({ from: user.id, message_id: sent.message.message_id, text: "at 11" });
    const fromBot = async () => (await emu.control.transcript({ chat_id: user.id })).filter((e) => e.direction === "from_bot");
    await until(async () => (await fromBot()).length === 5, "five bot messages");
    const replies = (await fromBot()).map((e) => e.message as Message);
    assert.equal(replies.filter((m) => m.media_group_id !== undefined).length, 2, "one album of two");
    assert.equal(replies[0]?.caption, "Back at you");
    assert.equal(replies[1]?.video?.duration, 1);
    assert.deepEqual(replies.find((m) => m.location !== undefined)?.location, { latitude: 11, longitude: 20 });
    assert.equal(replies.find((m) => m.sticker !== undefined)?.sticker?.emoji, "📍");
    assert.equal(replies.find((m) => m.text !== undefined)?.text, "Now: at 11");
    await bot.stop();
    await running;
  });

  test("a grammY bot polls, replies with a keyboard, handles a button press and uploads a photo", async () => {
    const { url, emu } = await startEmulator();
    const bot = new Bot(TOKEN, { client: { apiRoot: url } });
    bot.command("start", async (ctx) => {
      await ctx.reply("<b>Welcome</b>", { parse_mode: "HTML", reply_markup: new InlineKeyboard().text("Photo please", "photo") });
    });
    bot.callbackQuery("photo", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Sending" });
      await ctx.replyWithPhoto(new InputFile(TINY_PNG, "pixel.png"), { caption: "Here" });
    });
    bot.catch((err) => {
      throw err.error;
    });
    const running = bot.start({ drop_pending_updates: true, timeout: 1 });
    await until(() => bot.isRunning() && (emu.control.stats().calls["getUpdates"] ?? 0) > 0, "the bot to poll");
    assert.equal(bot.botInfo.id, BOT_ID);

    const user = emu.control.createUser({ first_name: "Ann" });
    emu.control.send({ from: user.id, text: "/start" });
    const welcome = await emu.control.transcript({ chat_id: user.id, after: 1, wait: 10 });
    const reply = welcome.find((e) => e.direction === "from_bot")?.message as Message.TextMessage | undefined;
    assert.equal(reply?.text, "Welcome");
    assert.deepEqual(reply?.entities, [{ type: "bold", offset: 0, length: 7 }]);

    emu.control.press({ from: user.id, message_id: reply?.message_id ?? 0, data: "photo" });
    await until(async () => (await emu.control.transcript({ chat_id: user.id })).some((e) => e.method === "sendPhoto"), "the photo");
    const entries = await emu.control.transcript({ chat_id: user.id });
    assert.deepEqual(entries.find((e) => e.direction === "callback_answer")?.callback_answer?.text, "Sending");
    const photo = entries.find((e) => e.method === "sendPhoto")?.message as Message.PhotoMessage | undefined;
    assert.equal(photo?.caption, "Here");
    const stored = emu.control.file(photo?.photo[0]?.file_id ?? "");
    assert.deepEqual(Buffer.from(stored?.bytes ?? []), TINY_PNG);
    assert.equal(stored?.mime_type, "image/png");

    await bot.stop();
    await running;
  });

  test("grammY sees Telegram's errors as GrammyError with the same codes", async () => {
    const { url, emu } = await startEmulator();
    const bot = new Bot(TOKEN, { client: { apiRoot: url } });
    await bot.init();
    const user = emu.control.createUser({ first_name: "Ann" });
    emu.control.block({ user_id: user.id, blocked: true });
    await assert.rejects(bot.api.sendMessage(user.id, "hi"), (err: unknown) => err instanceof GrammyError && err.error_code === 403);
    emu.control.faults({ method: "getMe", kind: "429", count: 1, retry_after: 3 });
    await assert.rejects(bot.api.getMe(), (err: unknown) => err instanceof GrammyError && err.parameters.retry_after === 3);
    await bot.api.setWebhook(`${url}/nowhere`, { secret_token: "abc" });
    const info = await bot.api.getWebhookInfo();
    assert.equal(info.url, `${url}/nowhere`);
    await bot.api.deleteWebhook();
  });
});
