import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { feedbackModule } from "../../../../src/modules/feedback/module.ts";
import { botHarness, type ApiCall, type BotHarness, type HarnessUser } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

const ANN = 810_001;
const IVAN = 810_002;

/** The inline buttons of a call, as [text, callback data]. */
const buttonsOf = (call: ApiCall | undefined) =>
  ((call?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((button) => [button.text, button.callback_data]);

// Only PGlite: the handlers' SQL goes through the commands, which their own medium tests run on both databases.
const pglite = databaseKinds.filter((kind) => kind.name === "pglite");

for (const kind of pglite) {
  describe(`"Write to us" in the bot, handled without the app, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, feedbackModule.migrations);
    let harness: BotHarness;
    let ann: HarnessUser;

    before(async () => {
      harness = await botHarness({
        database: suite.database,
        modules: [feedbackModule],
        people: [
          { id: ANN, first_name: "Ann" },
          { id: IVAN, first_name: "Иван", language_code: "ru", roles: ["admin"] },
        ],
      });
      ann = harness.user({ id: ANN, first_name: "Ann" });
    });

    test("/feedback asks for the message, with a Cancel button of the flow", async () => {
      const [ask] = await ann.send("/feedback");
      assert.equal(ask?.method, "sendMessage");
      assert.match(String(ask?.payload.text), /Write your message/);
      assert.deepEqual(buttonsOf(ask), [["Cancel", "f1:feedback-cancel"]]);
    });

    test("the text written is the flow's next step: a preview with Send and Cancel", async () => {
      const [preview] = await ann.send("The <b>coffee</b> machine leaks");
      assert.equal(preview?.payload.parse_mode, "HTML");
      assert.match(String(preview?.payload.text), /The &lt;b&gt;coffee&lt;\/b&gt; machine leaks/);
      assert.deepEqual(buttonsOf(preview), [["Send", "f1:feedback-send"], ["Cancel", "f1:feedback-cancel"]]);
    });

    test("pressing Send answers the press, thanks the author, and the command queues the admin's notice in Russian", async () => {
      const calls = await ann.press("f1:feedback-send");
      assert.deepEqual(calls.map((call) => call.method), ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]);
      assert.match(String(calls[2]?.payload.text), /has been sent to our team/);
      const [notice] = await harness.outbox();
      assert.equal(notice?.chat_id, IVAN);
      assert.match(String(notice?.payload.text), /Новое сообщение/);
    });

    test("the same Send pressed again is stale, a forged Seen is refused, and neither sends anything", async () => {
      const expired = [["answerCallbackQuery", "Эта кнопка устарела."]];
      const again = await ann.press("f1:feedback-send");
      assert.deepEqual(again.map((call) => [call.method, call.payload.text]), [["answerCallbackQuery", "This button has expired."]]);
      const ivan = harness.user({ id: IVAN, first_name: "Иван", language_code: "ru" });
      for (const data of ["feedback:seen:not-a-number", "feedback:seen:0", "feedback:seen:1:2"]) {
        assert.deepEqual((await ivan.press(data)).map((call) => [call.method, call.payload.text]), expired, data);
      }
      const stranger = await ann.press("feedback:seen:1");
      assert.match(String(stranger[0]?.payload.text), /permission/, "a reader's button pressed by someone who is not one");
      assert.equal((await harness.outbox()).length, 1);
    });
  });
}
