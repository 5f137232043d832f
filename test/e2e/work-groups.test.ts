import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Chat, Message } from "@grammyjs/types";
import { migrationsOf, type RunningApp } from "../../src/main.ts";
import type { TranscriptEntry } from "../../src/sandbox/control.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { OWNER_ID, appEnv, startAppInProcess, startEmulator } from "../support/app.ts";
import { databaseKinds, type TestDatabase } from "../support/databases.ts";
import { deskModule } from "../support/desk-module.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

for (const kind of databaseKinds) {
  describe(`staff answer in a work group's topics, on ${kind.name}`, { skip: kind.skip }, () => {
    let database: TestDatabase;
    let emulator: BotApiEmulator;
    let app: RunningApp;

    before(async () => {
      database = await kind.fresh(migrationsOf([deskModule]));
      emulator = await startEmulator();
      app = await startAppInProcess(appEnv(emulator.url, database), [deskModule]);
    });
    after(async () => {
      await app.stop("test over");
      await emulator.close();
      await database.drop();
    });

    /** What the bot did in the group after `seen`, waiting until `match` holds for one of its entries. */
    async function inGroup(chat: Chat, match: (entry: TranscriptEntry) => boolean, what: string): Promise<TranscriptEntry> {
      return eventually(async () => (await emulator.control.transcript({ chat_id: chat.id })).find((entry) => entry.direction === "from_bot" && match(entry)), what);
    }
    const say = (chat: Chat, from: number, text: string, thread?: number) => emulator.control.send({ from, chat_id: chat.id, text, ...(thread === undefined ? {} : { message_thread_id: thread }) });

    test("a group set up, a subject's topic opened, a staff reply routed back, a note kept internal", async () => {
      const owner = new TelegramUser(emulator.control, { first_name: "Olga", language_code: "en", id: OWNER_ID });
      const sue = new TelegramUser(emulator.control, { first_name: "Sue", language_code: "en" });
      const ann = new TelegramUser(emulator.control, { first_name: "Ann", language_code: "en" });
      const desk = emulator.control.createChat({ type: "supergroup", title: "Desk", is_forum: true, members: [owner.id, sue.id], creator: owner.id });
      emulator.control.membership({ chat_id: desk.id, status: "member", by: owner.id });

      say(desk, owner.id, "/workgroup desk");
      await inGroup(desk, (entry) => entry.message?.text?.includes("administrator rights") === true, "the setup to say what is missing");
      emulator.control.membership({ chat_id: desk.id, status: "administrator", rights: { can_manage_topics: true }, by: owner.id });
      say(desk, owner.id, "/workgroup desk");
      await inGroup(desk, (entry) => entry.message?.text?.includes("This group now works for desk") === true, "the setup to link the group");

      ann.send("My printer is on fire");
      const topic = await inGroup(desk, (entry) => entry.method === "createForumTopic", "the subject's topic");
      const threadId = (topic.message as Message).message_thread_id;
      assert.equal((topic.message as Message & { forum_topic_created?: { name: string } }).forum_topic_created?.name, "My printer is on fire");
      const card = await inGroup(desk, (entry) => entry.message?.text?.startsWith("Case of") === true, "the card in the topic");
      assert.equal(card.message?.message_thread_id, threadId);

      say(desk, sue.id, "Unplug it, please", threadId);
      await ann.replyContaining("Sue: Unplug it, please");
      say(desk, sue.id, "#note she sounded calm", threadId);
      say(desk, sue.id, "Is it out?", threadId);
      await ann.replyContaining("Sue: Is it out?");
      assert.equal((await ann.botMessages()).some((message) => message.text?.includes("calm") === true), false, "the note never reached her");
      const notes = await app.database.db.selectFrom("thread_note").select(["author_id", "text"]).execute();
      assert.deepEqual(notes, [{ author_id: sue.id, text: "she sounded calm" }]);

      ann.send("Yes, it is out");
      const followUp = await inGroup(desk, (entry) => entry.message?.text === "From the person: Yes, it is out", "her follow-up in the topic");
      assert.equal(followUp.message?.message_thread_id, threadId);

      emulator.control.membership({ chat_id: desk.id, status: "left", by: owner.id });
      await eventually(async () => (await app.database.db.selectFrom("work_group").select("gone_at").where("chat_id", "=", desk.id).executeTakeFirst())?.gone_at ?? undefined, "the group to be marked gone");
    });
  });
}
