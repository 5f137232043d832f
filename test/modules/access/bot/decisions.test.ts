import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyForAccess } from "../../../../src/modules/access/commands/apply-for-access.ts";
import { accessBot, buttonsOf, dataOf, pglite, said } from "./access-bot.ts";

const OLGA = 850_001;
const IVAN = 850_002;
const SASHA = 850_003;
const VERA = 850_004;
const MAX = 850_005;
const LENA = 850_006;

for (const kind of pglite) {
  describe(`deciding access requests from the cards' buttons, handled without the app, on ${kind.name}`, { skip: kind.skip }, () => {
    const bot = accessBot(kind, [
      { id: OLGA, first_name: "Olga", roles: ["owner"] },
      { id: IVAN, first_name: "Иван", language_code: "ru", roles: ["admin"] },
      { id: SASHA, first_name: "Sasha" },
      { id: VERA, first_name: "Vera" },
      { id: MAX, first_name: "Max" },
      { id: LENA, first_name: "Lena" },
    ]);
    const olga = bot.user(OLGA);
    const ivan = bot.user(IVAN);
    const db = () => bot.db();
    const requestOf = (telegramId: number) => db().selectFrom("access_request").selectAll().where("telegram_id", "=", telegramId).executeTakeFirstOrThrow();
    const applies = async (telegramId: number, name: string) => {
      const applied = await bot.harness.runtime.run({ botId: bot.harness.botId, personId: telegramId, source: "bot" }, applyForAccess, { name, phone: "+79001234567", comment: null });
      assert.ok(applied.ok);
      return applied.request.id;
    };
    const cardTo = async (manager: number, requestId: number) => {
      const rows = await db().selectFrom("outbox").select(["payload"]).where("dedupe_key", "=", `access:request:${requestId}:card:${manager}`).execute();
      return rows[0];
    };
    const outboxSize = async () => (await bot.harness.outbox()).length;

    test("each card carries Approve per role, Reject and Postpone, in the data they always had", async () => {
      const requestId = await applies(SASHA, "Sasha Ivanova");
      assert.deepEqual(buttonsOf(await cardTo(OLGA, requestId)), [
        ["✅ Approve as admin", `access:approve:${requestId}:admin`],
        ["❌ Reject", `access:reject:${requestId}`],
        ["⏸ Postpone", `access:postpone:${requestId}`],
      ]);
    });

    test("Approve answers the press, shows the pressed card decided, grants the role and queues the other card's edit and the applicant's notice", async () => {
      const { id: requestId } = await requestOf(SASHA);
      const calls = await olga.press(`access:approve:${requestId}:admin`, 77);
      assert.deepEqual(calls.map((call) => call.method), ["answerCallbackQuery", "editMessageText"]);
      assert.equal(calls[0]?.payload.text, "Approved.");
      assert.equal(calls[1]?.payload.message_id, 77);
      assert.match(String(calls[1]?.payload.text), /Approved as admin by Olga/);
      assert.equal(calls[1]?.payload.reply_markup, undefined, "no buttons left");

      const role = await db().selectFrom("role").selectAll().where("telegram_id", "=", SASHA).executeTakeFirstOrThrow();
      assert.deepEqual([role.role, role.granted_by], ["admin", OLGA]);
      const outbox = await bot.harness.outbox();
      const ivansEdit = outbox.find((row) => row.method === "editMessageText" && row.chat_id === IVAN);
      assert.equal(ivansEdit?.payload.message_id_of, `access:request:${requestId}:card:${IVAN}`);
      assert.match(String(ivansEdit?.payload.text), /Одобрено/, "every card is edited, in its reader's language");
      const notice = outbox.find((row) => row.chat_id === SASHA);
      assert.match(String(notice?.payload.text), /\/login/);
      assert.deepEqual(buttonsOf(notice), [["🔑 Get my login link", "access:login"]]);
    });

    test("a late press on another copy of the card hears who decided, in the presser's language, and changes nothing", async () => {
      const { id: requestId } = await requestOf(SASHA);
      const before = await outboxSize();
      const [answer, card] = await ivan.press(`access:reject:${requestId}`, 78);
      assert.equal(answer?.method, "answerCallbackQuery");
      assert.match(String(answer?.payload.text), /Решение уже принял\(а\) Olga/);
      assert.equal(answer?.payload.show_alert, true);
      assert.match(String(card?.payload.text), /Одобрено/, "the pressed copy is brought up to date");
      const request = await requestOf(SASHA);
      assert.deepEqual([request.status, request.decided_by], ["approved", OLGA]);
      assert.equal(await outboxSize(), before);
    });

    test("Reject asks why with preset reasons; one press rejects, tells the applicant the reason and edits the cards", async () => {
      const requestId = await applies(VERA, "Vera");
      const [answered, ask] = await olga.press(`access:reject:${requestId}`);
      assert.equal(answered?.method, "answerCallbackQuery");
      assert.match(String(ask?.payload.text), /Why do you reject request #\d+/);
      assert.deepEqual(buttonsOf(ask).map(([, data]) => data.replace(/^f\d+:/, "f<n>:")), ["f<n>:access-reason:0", "f<n>:access-reason:1", "f<n>:access-reason:2", "f<n>:access-reason:cancel"]);
      const calls = await olga.press(dataOf(ask, "We could not verify your details"));
      assert.deepEqual(calls.map((call) => call.method), ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]);
      assert.match(String(calls[2]?.payload.text), /was rejected/);
      const outbox = await bot.harness.outbox();
      const notice = outbox.find((row) => row.chat_id === VERA);
      assert.match(String(notice?.payload.text), /We could not verify your details/);
      assert.match(String(notice?.payload.text), /You may apply again after/);
      const olgasEdit = outbox.find((row) => row.method === "editMessageText" && row.payload.message_id_of === `access:request:${requestId}:card:${OLGA}`);
      assert.match(String(olgasEdit?.payload.text), /Rejected by Olga/);
      assert.equal((await requestOf(VERA)).status, "rejected");
    });

    test("a reason in the admin's own words rejects too; Cancel leaves the request open", async () => {
      const requestId = await applies(MAX, "Max");
      const [, ask] = await olga.press(`access:reject:${requestId}`);
      const cancelled = await olga.press(dataOf(ask, "Cancel"));
      assert.equal(cancelled.at(-1)?.payload.text, "The request was not rejected.");
      assert.equal((await requestOf(MAX)).status, "pending");
      await olga.press(`access:reject:${requestId}`);
      const [done] = await olga.send("Not on the staff list");
      assert.match(String(done?.payload.text), /was rejected/);
      const request = await requestOf(MAX);
      assert.deepEqual([request.status, request.reason], ["rejected", "Not on the staff list"]);
    });

    test("Postpone keeps the card's Approve and Reject, and a second Postpone hears who postponed it", async () => {
      const requestId = await applies(LENA, "Lena");
      const [answer, card] = await olga.press(`access:postpone:${requestId}`);
      assert.equal(answer?.payload.text, "Postponed.");
      assert.deepEqual(buttonsOf(card).map(([, data]) => data), [`access:approve:${requestId}:admin`, `access:reject:${requestId}`]);
      const [again] = await ivan.press(`access:postpone:${requestId}`);
      assert.match(String(again?.payload.text), /Olga/);
      assert.equal((await requestOf(LENA)).status, "postponed");
    });

    test("forged, stale or malformed decision payloads are refused in the admin's language and change nothing", async () => {
      const { id: requestId } = await requestOf(LENA);
      const before = await outboxSize();
      const expired = [["answerCallbackQuery", "Эта кнопка устарела."]];
      for (const data of [
        `access:approve:${requestId}`,
        `access:approve:x${requestId}:admin`,
        `access:approve:${requestId}:admin:1`,
        `access:approve:0:admin`,
        `access:approve:${requestId}:ad min`,
        `access:reject:${requestId}:1`,
        `access:reject:-${requestId}`,
        `access:postpone:${requestId}.5`,
        "f1:access-reason:1",
        "f99:access-reason:7",
      ]) {
        assert.deepEqual(said(await ivan.press(data)), expired, data);
      }
      const [, ask] = await olga.press(`access:reject:${requestId}`);
      const offTheList = dataOf(ask, "Cancel").replace("cancel", "7");
      assert.deepEqual(said(await olga.press(offTheList)), [["answerCallbackQuery", "This button has expired."]], "a reason not on the list, on a live flow");
      await olga.press(dataOf(ask, "Cancel"));
      const unknownRole = await ivan.press(`access:approve:${requestId}:wizard`);
      assert.equal(unknownRole[0]?.payload.text, "Такой роли нет.", "a role the app does not know is refused by the command");
      const stranger = bot.user(VERA);
      assert.deepEqual(said(await stranger.press(`access:approve:${requestId}:admin`)), [["answerCallbackQuery", "You do not have permission for this."]]);
      const request = await requestOf(LENA);
      assert.equal(request.status, "postponed");
      assert.equal(await outboxSize(), before);
      assert.equal((await db().selectFrom("role").select("role").where("telegram_id", "=", LENA).execute()).length, 0);
    });

    test("/requests shows the open cards again with their buttons", async () => {
      const calls = await olga.send("/requests");
      assert.equal(calls[0]?.payload.text, "Pending requests: 1");
      assert.match(String(calls[1]?.payload.text), /Lena/);
      assert.deepEqual(buttonsOf(calls[1]).map(([, data]) => data), [`access:approve:${(await requestOf(LENA)).id}:admin`, `access:reject:${(await requestOf(LENA)).id}`]);
    });
  });
}
