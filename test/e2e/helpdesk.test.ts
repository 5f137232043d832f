import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Chat, Message } from "@grammyjs/types";
import { migrationsOf, type RunningApp } from "../../src/main.ts";
import type { Kysely } from "kysely";
import { helpdeskModule } from "../../src/modules/helpdesk/module.ts";
import type { HelpdeskTables } from "../../src/modules/helpdesk/tables.ts";
import type { TranscriptEntry } from "../../src/sandbox/control.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, TEST_TOKEN, appEnv, settled, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

/** A few bytes standing for a PDF. */
const PDF = Buffer.from("%PDF-1.4 steps").toString("base64");

for (const kind of databaseKinds) {
  describe(`a help desk answered in a forum's topics, on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;
    let configDir: string;

    before(async () => {
      database = await kind.fresh(migrationsOf([helpdeskModule]));
      emulator = await startEmulator();
      // Helpdesk is opt-in: the bot's entry in the config file enables it.
      configDir = mkdtempSync(join(tmpdir(), "botyard-helpdesk-"));
      const config = join(configDir, "bots.json");
      writeFileSync(config, JSON.stringify({ bots: [{ id: "main", token: TEST_TOKEN, modules: ["helpdesk"] }] }));
      app = await startAppInProcess(appEnv(emulator.url, database, { BOTYARD_CONFIG: config }), [helpdeskModule]);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
      rmSync(configDir, { recursive: true, force: true });
    });

    async function inGroup(chat: Chat, match: (entry: TranscriptEntry) => boolean, what: string): Promise<TranscriptEntry> {
      return eventually(async () => (await emulator.control.transcript({ chat_id: chat.id })).find((entry) => entry.direction === "from_bot" && match(entry)), what);
    }

    test("a ticket with a photo becomes a topic with a card; follow-up, a document answer, a note, resolve and a reopening message", async () => {
      const owner = new TelegramUser(emulator.control, { first_name: "Olga", language_code: "en", id: OWNER_ID });
      const sue = new TelegramUser(emulator.control, { first_name: "Sue", language_code: "en" });
      const ann = new TelegramUser(emulator.control, { first_name: "Ann", language_code: "en" });
      const db = app.database.db;
      await db.insertInto("person").values({ telegram_id: sue.id, first_name: "Sue", last_name: null, username: null, language_code: "en" }).execute();
      await db.insertInto("role").values({ bot_id: "main", telegram_id: sue.id, role: "specialist", granted_by: OWNER_ID }).execute();
      const desk = emulator.control.createChat({ type: "supergroup", title: "Support", is_forum: true, members: [owner.id, sue.id], creator: owner.id });
      emulator.control.membership({ chat_id: desk.id, status: "administrator", rights: { can_manage_topics: true }, by: owner.id });
      emulator.control.send({ from: owner.id, chat_id: desk.id, text: "/workgroup helpdesk" });
      await inGroup(desk, (entry) => entry.message?.text?.includes("This group now works for helpdesk") === true, "the group to be linked");

      ann.sendPhoto("My screen is cracked");
      const topic = await inGroup(desk, (entry) => entry.method === "createForumTopic", "the ticket's topic");
      const threadId = (topic.message as Message).message_thread_id;
      const card = await inGroup(desk, (entry) => entry.message?.text?.startsWith("Request #1") === true, "the card");
      assert.equal(card.message?.message_thread_id, threadId);
      assert.match(card.message?.text ?? "", /From: Ann[\s\S]*First request/);
      const photo = await inGroup(desk, (entry) => entry.method === "copyMessage" && entry.message?.photo !== undefined, "her photo in the topic");
      assert.equal(photo.message?.message_thread_id, threadId);
      await ann.replyContaining("Your request #1 is with our support team");

      ann.send("It happened this morning");
      const followUp = await inGroup(desk, (entry) => entry.message?.text === "It happened this morning", "her follow-up in the topic");
      assert.equal(followUp.message?.message_thread_id, threadId);

      emulator.control.send({ from: sue.id, chat_id: desk.id, message_thread_id: threadId, document: { base64: PDF, file_name: "steps.pdf", mime_type: "application/pdf", caption: "Try these steps" } });
      const answer = await ann.replyContaining("Try these steps");
      assert.equal(answer.document?.file_name, "steps.pdf");
      assert.equal(answer.caption, "Sue:\nTry these steps");
      emulator.control.send({ from: sue.id, chat_id: desk.id, message_thread_id: threadId, text: "#note she is a regular" });

      const cardMessage = card.message as Message;
      const resolve = cardMessage.reply_markup?.inline_keyboard.flat().find((button) => button.text === "Resolve");
      assert.ok(resolve !== undefined && "callback_data" in resolve);
      emulator.control.press({ from: sue.id, chat_id: desk.id, message_id: cardMessage.message_id, data: resolve.callback_data });
      await ann.replyContaining("Your request #1 is resolved");
      await settled(app);
      const messages = await ann.botMessages();
      assert.equal(messages.filter((message) => message.text?.includes("is resolved") === true).length, 1, "told once");
      assert.equal(messages.some((message) => (message.text ?? message.caption ?? "").includes("regular")), false, "the note stayed in the group");

      ann.send("It cracked again");
      await ann.replyContaining("Your request #1 is open again");
      const ticket = await (db as unknown as Kysely<HelpdeskTables>).selectFrom("helpdesk_ticket").select(["number", "status", "first_response_at"]).executeTakeFirstOrThrow();
      assert.deepEqual([ticket.number, ticket.status, ticket.first_response_at !== null], [1, "open", true]);
      await inGroup(desk, (entry) => entry.message?.text === "It cracked again" && entry.message.message_thread_id === threadId, "the reopening message in the topic");
    });
  });
}
