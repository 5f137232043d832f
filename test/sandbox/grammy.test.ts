import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { Message } from "@grammyjs/types";
import { BOT_ID, TINY_PNG, TOKEN, startEmulator, until } from "./helpers.ts";

describe("grammY against the emulator", () => {
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
