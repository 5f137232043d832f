import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Chat, Message, Update } from "@grammyjs/types";
import type { Kysely } from "kysely";
import { feedbackModule } from "../../../../src/modules/feedback/module.ts";
import { helpdeskModule } from "../../../../src/modules/helpdesk/module.ts";
import type { HelpdeskTables } from "../../../../src/modules/helpdesk/tables.ts";
import { linkWorkGroup } from "../../../../src/platform/work-groups/link-work-group.ts";
import { botHarness, type ApiCall, type BotHarness } from "../../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

const OWNER = 840_001;
const SUE = { id: 840_002, is_bot: false, first_name: "Sue", language_code: "en" };
const SAM = { id: 840_003, is_bot: false, first_name: "Sam", language_code: "en" };
const ANN = 840_010;
const PIOTR = { id: 840_011, is_bot: false, first_name: "Пётр", language_code: "ru" };
const DESK: Chat = { id: -1_000_000_840_000, type: "supergroup", title: "Support", is_forum: true };
const TOPIC = 77;

const buttonsOf = (call: ApiCall | undefined) =>
  ((call?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((button) => [button.text, button.callback_data]);

// Only PGlite: the handlers' SQL goes through the commands, which their own medium tests run on both databases.
const pglite = databaseKinds.filter((kind) => kind.name === "pglite");

for (const kind of pglite) {
  describe(`the helpdesk in the bot, handled without the app, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, { ...feedbackModule.migrations, ...helpdeskModule.migrations });
    let harness: BotHarness;
    let nextMessage = 1;
    const db = () => suite.database.db as unknown as Kysely<HelpdeskTables>;
    const tickets = () => db().selectFrom("helpdesk_ticket").selectAll().orderBy("id").execute();
    const privately = (from: typeof PIOTR, content: Partial<Message>) =>
      harness.handle({ message: { message_id: nextMessage++, date: 1_800_000_000, chat: { id: from.id, type: "private", first_name: from.first_name }, from, ...content } } as Omit<Update, "update_id">);
    const inTopic = (from: typeof SUE, text: string) =>
      harness.handle({ message: { message_id: nextMessage++, date: 1_800_000_000, chat: DESK, from, text, is_topic_message: true, message_thread_id: TOPIC } });
    const pressInGroup = (from: typeof SUE, data: string) =>
      harness.handle({ callback_query: { id: `cq-${nextMessage++}`, from, chat_instance: "desk", data, message: { message_id: 5, date: 1_800_000_000, chat: DESK, text: "…" } } });

    before(async () => {
      harness = await botHarness({
        database: suite.database,
        modules: [feedbackModule, helpdeskModule],
        enabledModules: ["feedback", "helpdesk"],
        people: [
          { id: OWNER, first_name: "Olga", roles: ["owner"] },
          { id: SUE.id, first_name: SUE.first_name, roles: ["specialist"] },
          { id: SAM.id, first_name: SAM.first_name },
          { id: ANN, first_name: "Ann" },
          { id: PIOTR.id, first_name: PIOTR.first_name, language_code: "ru" },
        ],
      });
      const linked = await harness.runtime.run({ botId: harness.botId, personId: OWNER, source: "bot" }, linkWorkGroup, { chatId: DESK.id, title: "Support", isForum: true, module: "helpdesk", routingKey: "" });
      assert.ok(linked.ok);
    });

    test("a photo written to the bot opens a ticket; the receipt and the topic go through the outbox, nothing is answered directly", async () => {
      const calls = await privately(PIOTR, { photo: [{ file_id: "ph-1", file_unique_id: "u1", width: 90, height: 90 }], caption: "Сломался экран" });
      assert.deepEqual(calls, []);
      const [ticket] = await tickets();
      assert.deepEqual([ticket?.number, ticket?.requester_id, ticket?.status], [1, PIOTR.id, "new"]);
      const queued = await harness.outbox();
      assert.deepEqual(queued.map((row) => row.method), ["createForumTopic", "sendMessage", "sendMessage", "copyMessage"]);
      assert.deepEqual([queued[2]?.chat_id, queued[3]?.chat_id], [PIOTR.id, DESK.id]);
      assert.match(String(queued[2]?.payload.text), /№1/);
      // The outbox sent the topic: Telegram gave it an id.
      await suite.database.db.updateTable("subject_thread").set({ message_id: TOPIC }).where("subject_id", "=", ticket!.id).execute();
    });

    test("a sticker or a location is refused in the person's language and opens nothing", async () => {
      const before = await harness.outbox();
      const sticker = await privately(PIOTR, { sticker: { file_id: "st", file_unique_id: "st", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } });
      assert.deepEqual(sticker.map((call) => call.method), ["sendMessage"]);
      assert.match(String(sticker[0]?.payload.text), /Я принимаю текст, фото/);
      const location = await harness.user({ id: ANN, first_name: "Ann" }).send("   ");
      assert.match(String(location[0]?.payload.text), /I can take text, photos/);
      assert.equal((await tickets()).length, 1);
      assert.equal((await harness.outbox()).length, before.length);
    });

    test("commands and other modules' flows keep working where the helpdesk is on", async () => {
      const ann = harness.user({ id: ANN, first_name: "Ann" });
      await ann.send("/feedback");
      const [preview] = await ann.send("Lovely shop");
      assert.match(String(preview?.payload.text), /Your message/, "the feedback flow took the text");
      await ann.press("f1:feedback-cancel");
      const [help] = await ann.send("/nosuchcommand");
      assert.match(String(help?.payload.text), /did not understand/);
      assert.equal((await tickets()).length, 1);
    });

    test("a specialist's message in the topic reaches the requester; a member who is not one is told under their message, and nothing is relayed", async () => {
      const [ticket] = await tickets();
      await inTopic(SUE, "Перезагрузите, пожалуйста");
      const answer = (await harness.outbox()).filter((row) => row.chat_id === PIOTR.id).at(-1);
      assert.deepEqual([answer?.chat_id, answer?.payload.text], [PIOTR.id, "<b>Sue</b>:\nПерезагрузите, пожалуйста"]);
      const queued = (await harness.outbox()).length;
      const refused = await inTopic(SAM, "I can help too");
      assert.deepEqual(refused.map((call) => [call.method, call.payload.message_thread_id]), [["sendMessage", TOPIC]]);
      assert.match(String(refused[0]?.payload.text), /only specialists answer/);
      assert.equal((await harness.outbox()).length, queued);
      await inTopic(SUE, "#note he sounded upset");
      assert.equal((await harness.outbox()).length, queued, "a note reaches nobody");
      const kept = await db().selectFrom("helpdesk_ticket_message").select(["author_kind", "text"]).where("ticket_id", "=", ticket!.id).orderBy("id").execute();
      assert.deepEqual(kept.map((row) => row.author_kind), ["user", "staff", "note"]);
      assert.equal(kept[2]?.text, "he sounded upset");
    });

    test("the card's buttons: someone who does not answer tickets is refused and nothing changes; a specialist resolves", async () => {
      const [ticket] = await tickets();
      const forged = await pressInGroup(SAM, `hd:resolve:${ticket!.id}`);
      assert.deepEqual(forged.map((call) => [call.method, call.payload.show_alert]), [["answerCallbackQuery", true]]);
      assert.deepEqual(await tickets(), [ticket]);
      const mangled = await pressInGroup(SUE, `hd:claim:${ticket!.id}:9`);
      assert.match(String(mangled[0]?.payload.text), /expired/);
      const resolved = await pressInGroup(SUE, `hd:resolve:${ticket!.id}`);
      assert.match(String(resolved[0]?.payload.text), /Request #1 is resolved/);
      assert.equal((await tickets())[0]?.status, "resolved");
    });

    test("/tickets lists the person's tickets with a Close button; pressing it closes theirs once", async () => {
      const [list] = await privately(PIOTR, { text: "/tickets", entities: [{ type: "bot_command", offset: 0, length: 8 }] });
      assert.match(String(list?.payload.text), /Ваши обращения:\n№1 · Решено · /);
      const [ticket] = await tickets();
      assert.deepEqual(buttonsOf(list), [["Закрыть №1", `hd:close:${ticket!.id}`]]);
      const ann = await harness.user({ id: ANN, first_name: "Ann" }).press(`hd:close:${ticket!.id}`);
      assert.match(String(ann[0]?.payload.text), /not here/, "someone else's ticket");
      const pressed = await harness.handle({ callback_query: { id: "cq-close", from: PIOTR, chat_instance: "p", data: `hd:close:${ticket!.id}`, message: { message_id: 9, date: 1_800_000_000, chat: { id: PIOTR.id, type: "private", first_name: PIOTR.first_name }, text: "…" } } });
      assert.deepEqual(pressed.map((call) => call.method), ["answerCallbackQuery", "editMessageReplyMarkup"]);
      assert.equal((await tickets())[0]?.status, "closed");
      const toldClosed = (await harness.outbox()).filter((row) => row.chat_id === PIOTR.id && /закрыто/.test(String(row.payload.text)));
      assert.equal(toldClosed.length, 1);
    });
  });
}
