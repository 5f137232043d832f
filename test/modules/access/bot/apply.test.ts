import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { rejectAccessRequest } from "../../../../src/modules/access/commands/reject-access-request.ts";
import type { HarnessUser } from "../../../support/bot-harness.ts";
import { accessBot, buttonsOf, dataOf, pglite, said } from "./access-bot.ts";

const OLGA = 840_001;
const IVAN = 840_002;
const VERA = 840_003;
const MAX = 840_004;

for (const kind of pglite) {
  describe(`applying for access in the bot, handled without the app, on ${kind.name}`, { skip: kind.skip }, () => {
    const bot = accessBot(kind, [
      { id: OLGA, first_name: "Olga", roles: ["owner"] },
      { id: IVAN, first_name: "Иван", language_code: "ru", roles: ["admin"] },
      { id: VERA, first_name: "Vera" },
      { id: MAX, first_name: "Max" },
    ]);
    const vera = bot.user(VERA);
    const requestsOf = (telegramId: number) => bot.db().selectFrom("access_request").selectAll().where("telegram_id", "=", telegramId).execute();

    /** "Apply for access", name, shared contact, comment, then Send; returns the calls of each step. */
    const apply = async (user: HarnessUser, name: string, phone: string, comment = "Skip") => {
      const start = await user.press("access:apply");
      const named = await user.send(name);
      const phoned = await user.shareContact(phone);
      const commented = await user.send(comment);
      const sent = await user.press(dataOf(commented.at(-1), "Send"));
      return { start, named, phoned, commented, sent };
    };

    test("Apply asks for a name, refuses one too short, then asks for the phone as a shared contact", async () => {
      const start = await vera.press("access:apply");
      assert.equal(start[0]?.method, "answerCallbackQuery");
      assert.match(String(start[1]?.payload.text), /What is your name\?/);
      assert.match(dataOf(start[1], "Cancel"), /^f\d+:access-apply-cancel$/);
      assert.deepEqual(said(await vera.send("V")), [["sendMessage", "Please write your name: 2 to 100 characters."]]);
      const [askPhone] = await vera.send("Vera");
      assert.match(String(askPhone?.payload.text), /share your phone number/);
      assert.deepEqual((askPhone?.payload.reply_markup as { keyboard: { request_contact?: boolean }[][] }).keyboard[0]?.[0]?.request_contact, true);
    });

    test("the shared contact and the comment lead to a summary and Send; Send files the request and each manager gets a card in their language", async () => {
      const [askComment] = await vera.shareContact("+49 151 23456789");
      assert.match(String(askComment?.payload.text), /Anything the admins should know/);
      const [summary, confirm] = await vera.send("Skip");
      assert.match(String(summary?.payload.text), /Your application/);
      assert.match(String(summary?.payload.text), /\+4915123456789/, "the phone is normalised to E.164");
      assert.match(String(confirm?.payload.text), /Send it to the admins\?/);
      assert.deepEqual(buttonsOf(confirm).map(([, data]) => data.replace(/^f\d+:/, "f<n>:")), ["f<n>:access-apply-send", "f<n>:access-apply-cancel"]);

      const send = dataOf(confirm, "Send");
      const sent = await vera.press(send);
      assert.deepEqual(sent.map((call) => call.method), ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]);
      assert.match(String(sent[2]?.payload.text), /under review/);
      const [request] = await requestsOf(VERA);
      assert.equal(request?.phone, "+4915123456789");
      const cards = await bot.harness.outbox();
      assert.deepEqual(cards.map((card) => card.chat_id).sort(), [OLGA, IVAN].sort());
      assert.match(String(cards.find((card) => card.chat_id === OLGA)?.payload.text), /Access request #/);
      assert.match(String(cards.find((card) => card.chat_id === IVAN)?.payload.text), /Заявка на доступ/);

      assert.deepEqual(said(await vera.press(send)), [["answerCallbackQuery", "This button has expired."]], "the flow is over");
      assert.equal((await requestsOf(VERA)).length, 1);
    });

    test("applying again while under review updates the one request and edits every manager's card", async () => {
      const { start } = await apply(vera, "Vera Schmidt", "+49 151 23456789");
      assert.match(String(start[1]?.payload.text), /already under review/);
      const requests = await requestsOf(VERA);
      assert.equal(requests.length, 1);
      assert.equal(requests[0]?.name, "Vera Schmidt");
      const edits = (await bot.harness.outbox()).filter((row) => row.method === "editMessageText");
      assert.deepEqual(edits.map((edit) => [edit.chat_id, edit.payload.message_id_of]).sort(), [OLGA, IVAN].sort().map((id) => [id, `access:request:${requests[0]?.id}:card:${id}`]));
      assert.ok(edits.every((edit) => String(edit.payload.text).includes("Vera Schmidt")));
    });

    test("a rejected applicant hears when they may apply again, and Apply refuses them until then", async () => {
      const [request] = await requestsOf(VERA);
      assert.ok(request !== undefined);
      const rejected = await bot.harness.runtime.run({ botId: bot.harness.botId, personId: OLGA, source: "bot" }, rejectAccessRequest, { requestId: request.id, reason: "We could not verify your details" });
      assert.ok(rejected.ok);
      const notice = (await bot.harness.outbox()).find((row) => row.chat_id === VERA);
      assert.match(String(notice?.payload.text), /We could not verify your details/);
      assert.match(String(notice?.payload.text), /You may apply again after/);
      const again = await vera.press("access:apply");
      assert.match(String(again[1]?.payload.text), /You may apply again after/);
      assert.equal(again.length, 2, "no question is asked");
      assert.equal((await requestsOf(VERA)).length, 1);
    });

    test("Cancel ends the application, its buttons then answer expired, and a malformed Apply is refused", async () => {
      const max = bot.user(MAX);
      const [, ask] = await max.press("access:apply");
      const cancel = dataOf(ask, "Cancel");
      const cancelled = await max.press(cancel);
      assert.deepEqual(cancelled.map((call) => call.method), ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]);
      assert.equal(cancelled[2]?.payload.text, "Your application was not sent.");
      for (const data of [cancel, cancel.replace("cancel", "send"), "access:apply:1"]) assert.deepEqual(said(await max.press(data)), [["answerCallbackQuery", "This button has expired."]], data);
      assert.equal((await requestsOf(MAX)).length, 0);
    });
  });
}
