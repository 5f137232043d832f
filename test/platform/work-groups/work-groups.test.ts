import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Chat, ChatMember, Message, Update } from "@grammyjs/types";
import pino from "pino";
import { createMetrics } from "../../../src/platform/metrics.ts";
import { createOutboxSender, type OutboxSender } from "../../../src/platform/telegram/outbox-sender.ts";
import { notesOf } from "../../../src/platform/work-groups/keep-thread-note.ts";
import { workGroupFor } from "../../../src/platform/work-groups/work-group.ts";
import { workGroupsFeature } from "../../../src/platform/work-groups/feature.ts";
import { botHarness, type ApiCall, type BotHarness } from "../../support/bot-harness.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { deskModule, openCase, updateCaseCard, writeToDesk } from "../../support/desk-module.ts";

const BOT_USER_ID = 7_000_001;
const ADMIN = { id: 820_001, is_bot: false, first_name: "Bob", language_code: "en" };
const ADMIN_RU = { id: 820_002, is_bot: false, first_name: "Борис", language_code: "ru" };
const STAFF = { id: 820_003, is_bot: false, first_name: "Sue", language_code: "en" };
/** Later than any real now(), so rows queued with the database's default not_before are due. */
const T0 = Date.parse("2030-01-01T00:00:00Z");

const bot = { id: BOT_USER_ID, is_bot: true, first_name: "Harness" };
const asAdministrator = (topics: boolean): ChatMember =>
  ({ status: "administrator", user: bot, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: false, can_manage_video_chats: false, can_restrict_members: false, can_promote_members: false, can_change_info: false, can_invite_users: false, can_post_stories: false, can_edit_stories: false, can_delete_stories: false, can_manage_topics: topics }) as ChatMember;

/** Plays Telegram for the outbox sender: topics and messages get ids, each call is recorded with the fake time. */
class FakeTelegram {
  readonly calls: { method: string; payload: Record<string, unknown>; at: number }[] = [];
  #nextId = 500;
  readonly clock: { now(): number };
  constructor(clock: { now(): number }) {
    this.clock = clock;
  }
  readonly callApi = (_botId: string, method: string, payload: Record<string, unknown>): Promise<unknown> => {
    this.calls.push({ method, payload, at: this.clock.now() });
    const chat = { id: Number(payload.chat_id) };
    if (method === "createForumTopic") return Promise.resolve({ message_thread_id: this.#nextId++, name: payload.name, icon_color: 0 });
    if (method === "editMessageText") return Promise.resolve({ message_id: payload.message_id, chat, text: payload.text });
    return Promise.resolve({ message_id: this.#nextId++, chat, ...(typeof payload.message_thread_id === "number" ? { message_thread_id: payload.message_thread_id, is_topic_message: true } : {}) });
  };
}

let nextChat = -1_000_000_700_000;
let nextMessage = 1;

for (const kind of databaseKinds) {
  describe(`work groups, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    let harness: BotHarness;
    let botMember: ChatMember = { status: "member", user: bot };
    let telegram: FakeTelegram;
    let sender: OutboxSender;
    const clock = { t: T0, now: () => clock.t };

    before(async () => {
      harness = await botHarness({
        database: suite.database,
        modules: [deskModule],
        features: [workGroupsFeature],
        people: [
          { id: ADMIN.id, first_name: ADMIN.first_name, roles: ["admin"] },
          { id: ADMIN_RU.id, first_name: ADMIN_RU.first_name, language_code: "ru", roles: ["admin"] },
          { id: STAFF.id, first_name: STAFF.first_name },
        ],
        answer: (method) => (method === "getChatMember" ? botMember : undefined),
      });
      telegram = new FakeTelegram(clock);
      sender = createOutboxSender({ database: suite.database, botIds: [harness.botId], callApi: telegram.callApi, clock, logger: pino({ level: "silent" }), metrics: createMetrics() });
    });

    const forum = (): Chat => ({ id: nextChat--, type: "supergroup", title: "Support desk", is_forum: true });
    const plainGroup = (): Chat => ({ id: nextChat--, type: "group", title: "Repairs" });
    const say = (chat: Chat, from: typeof ADMIN, text: string, extra: Partial<Message> = {}) => {
      const command = /^\/\w+/.exec(text);
      const message = { message_id: nextMessage++, date: 1_800_000_000, chat, from, text, ...(command === null ? {} : { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }), ...extra };
      return harness.handle({ message } as Omit<Update, "update_id">);
    };
    const replies = (calls: ApiCall[]) => calls.filter((call) => call.method === "sendMessage").map((call) => String(call.payload.text));
    const groupRow = (chatId: number) => suite.database.db.selectFrom("work_group").selectAll().where("chat_id", "=", chatId).executeTakeFirst();
    const audits = (action: string) => suite.database.db.selectFrom("audit_log").select(["actor_id", "object_id", "after"]).where("action", "=", action).orderBy("id").execute();
    /** Sends everything due, as often as it takes (a minute of fake time at a pass, so no limit holds it). */
    const sendAll = async () => {
      while ((await sender.sendDue()) > 0) clock.t += 60_000;
    };
    /** Links a group for the desk (the bot an administrator with topic rights). */
    const linked = async (chat: Chat, routingKey = "") => {
      botMember = asAdministrator(true);
      await say(chat, ADMIN, `/workgroup desk ${routingKey}`.trim());
      const group = await workGroupFor(suite.database.db, harness.botId, "desk", routingKey);
      assert.ok(group !== undefined);
      return group;
    };

    test("the setup command where the bot lacks rights says which, in the admin's language, and links nothing", async () => {
      const chat = forum();
      botMember = { status: "member", user: bot };
      const [english] = replies(await say(chat, ADMIN, "/workgroup desk"));
      assert.match(english ?? "", /administrator rights/);
      assert.match(english ?? "", /manage topics/);
      botMember = asAdministrator(false);
      const [russian] = replies(await say(chat, ADMIN_RU, "/workgroup desk"));
      assert.match(russian ?? "", /право управлять темами/);
      assert.doesNotMatch(russian ?? "", /права администратора/);
      assert.equal(await groupRow(chat.id), undefined);
    });

    test("in a group without topics being an administrator is enough; deleting messages is never asked for", async () => {
      const chat = plainGroup();
      botMember = asAdministrator(false);
      const [answer] = replies(await say(chat, ADMIN, "/workgroup desk"));
      assert.match(answer ?? "", /reply to the card/);
      const row = await groupRow(chat.id);
      assert.equal(row?.is_forum, false);
    });

    test("with the rights it links the group for the module's routing key, audited; someone without the permission and an unknown module are refused", async () => {
      const chat = forum();
      botMember = asAdministrator(true);
      assert.match(replies(await say(chat, STAFF, "/workgroup desk"))[0] ?? "", /do not have permission/);
      assert.match(replies(await say(chat, ADMIN, "/workgroup helpdesk"))[0] ?? "", /These do: desk/);
      assert.match(replies(await say(chat, ADMIN, "/workgroup"))[0] ?? "", /\/workgroup <module> <key>/);
      assert.equal(await groupRow(chat.id), undefined);
      const [done] = replies(await say(chat, ADMIN, "/workgroup desk north"));
      assert.match(done ?? "", /desk \(north\).*own topic.*#note stay internal/s);
      const group = await workGroupFor(suite.database.db, harness.botId, "desk", "north");
      assert.equal(group?.chatId, chat.id);
      assert.equal(group?.isForum, true);
      const [audit] = (await audits("work-groups.link")).filter((row) => row.object_id === String(group?.id));
      assert.equal(audit?.actor_id, ADMIN.id);
    });

    test("removing the bot from a group marks it gone: the routing key falls back to the module's default group", async () => {
      const fallback = await linked(forum());
      const chat = forum();
      await linked(chat, "south");
      assert.equal((await workGroupFor(suite.database.db, harness.botId, "desk", "south"))?.chatId, chat.id);
      await harness.handle({ my_chat_member: { chat, from: ADMIN, date: 1_800_000_000, old_chat_member: asAdministrator(true), new_chat_member: { status: "left", user: bot } } });
      assert.notEqual((await groupRow(chat.id))?.gone_at, null);
      assert.equal((await workGroupFor(suite.database.db, harness.botId, "desk", "south"))?.chatId, fallback.chatId);
    });

    test("a group that became a supergroup keeps its work group and threads under the new chat id", async () => {
      const old = plainGroup();
      botMember = asAdministrator(false);
      await say(old, ADMIN, "/workgroup desk upgraded");
      const person = 830_010;
      await harness.runtime.run({ botId: harness.botId, personId: null, source: "system" }, openCase, { personId: person, title: "Moving", routingKey: "upgraded" });
      const upgraded = { id: nextChat--, type: "supergroup", title: "Repairs", is_forum: true } as Chat;
      await harness.handle({ message: { message_id: 1, date: 1_800_000_000, chat: upgraded, from: ADMIN, migrate_from_chat_id: old.id } } as unknown as Omit<Update, "update_id">);
      const group = await workGroupFor(suite.database.db, harness.botId, "desk", "upgraded");
      assert.deepEqual([group?.chatId, group?.isForum], [upgraded.id, true]);
      const thread = await suite.database.db.selectFrom("subject_thread").select("chat_id").where("subject_id", "=", person).executeTakeFirstOrThrow();
      assert.equal(thread.chat_id, upgraded.id);
    });

    test("in a forum a subject's thread is a topic with the card inside; a send queued before the topic exists waits for it and carries its id; the card is edited in place", async () => {
      const chat = forum();
      await linked(chat, "forum-thread");
      const person = 830_001;
      await harness.runtime.run({ botId: harness.botId, personId: null, source: "system" }, openCase, { personId: person, title: "The printer is on fire", routingKey: "forum-thread" });
      await harness.runtime.run({ botId: harness.botId, personId: person, source: "bot" }, writeToDesk, { text: "It still is", messageId: 1 });
      await harness.runtime.run({ botId: harness.botId, personId: null, source: "system" }, updateCaseCard, { personId: person, text: "Case closed" });
      const first = telegram.calls.length;
      await sendAll();
      const calls = telegram.calls.slice(first).filter((call) => Number(call.payload.chat_id) === chat.id);
      assert.deepEqual(calls.map((call) => call.method), ["createForumTopic", "sendMessage", "sendMessage", "editMessageText"]);
      const [topic, card, followUp, edit] = calls;
      assert.equal(topic?.payload.name, "The printer is on fire");
      assert.equal("opens_thread" in (topic?.payload ?? {}), false, "the marker never reaches Telegram");
      const thread = await suite.database.db.selectFrom("subject_thread").select(["message_id", "kind"]).where("subject_id", "=", person).executeTakeFirstOrThrow();
      assert.equal(thread.kind, "topic");
      assert.equal(card?.payload.message_thread_id, thread.message_id);
      assert.equal(followUp?.payload.message_thread_id, thread.message_id);
      assert.equal(followUp?.payload.text, "From the person: It still is");
      assert.equal("thread_of" in (followUp?.payload ?? {}), false);
      const cardRow = await suite.database.db.selectFrom("outbox").select("message_id").where("dedupe_key", "=", `thread:case:${person}:group:${(await groupRow(chat.id))?.id}:card`).executeTakeFirstOrThrow();
      assert.equal(edit?.payload.message_id, cardRow.message_id);
      assert.equal(edit?.payload.text, "Case closed");
    });

    test("in a group without topics the card opens the thread, and later sends reply to it", async () => {
      const chat = plainGroup();
      botMember = asAdministrator(false);
      await say(chat, ADMIN, "/workgroup desk cards");
      const person = 830_002;
      await harness.runtime.run({ botId: harness.botId, personId: null, source: "system" }, openCase, { personId: person, title: "Leaking tap", routingKey: "cards" });
      await harness.runtime.run({ botId: harness.botId, personId: person, source: "bot" }, writeToDesk, { text: "Photo attached", messageId: 2 });
      const first = telegram.calls.length;
      await sendAll();
      const [card, followUp] = telegram.calls.slice(first).filter((call) => Number(call.payload.chat_id) === chat.id);
      assert.equal(card?.payload.text, `Case of ${person}: Leaking tap`);
      const thread = await suite.database.db.selectFrom("subject_thread").select(["message_id", "kind"]).where("subject_id", "=", person).executeTakeFirstOrThrow();
      assert.equal(thread.kind, "card");
      assert.deepEqual(followUp?.payload.reply_parameters, { message_id: thread.message_id, allow_sending_without_reply: true });
      assert.equal(followUp?.payload.message_thread_id, undefined);
    });

    test("staff writing in a topic reach the owning module; a note stays internal and is kept; the bot's own, service messages and commands are not routed", async () => {
      const chat = forum();
      await linked(chat, "routing");
      const person = 830_003;
      await harness.runtime.run({ botId: harness.botId, personId: null, source: "system" }, openCase, { personId: person, title: "Where is my order?", routingKey: "routing" });
      await sendAll();
      const thread = await suite.database.db.selectFrom("subject_thread").select(["id", "message_id"]).where("subject_id", "=", person).executeTakeFirstOrThrow();
      const inTopic = { message_thread_id: thread.message_id ?? 0, is_topic_message: true } as Partial<Message>;
      const toPerson = async () => (await harness.outbox()).filter((row) => row.chat_id === person).map((row) => row.payload.text);

      await say(chat, STAFF, "It ships tomorrow", inTopic);
      await say(chat, STAFF, "#note they ordered twice", inTopic);
      await say(chat, STAFF, "#NOTE", inTopic);
      await say(chat, { ...bot, language_code: "en" }, "Bot's own words", inTopic);
      await say(chat, STAFF, "/help", inTopic);
      await harness.handle({ message: { message_id: nextMessage++, date: 1_800_000_000, chat, from: STAFF, forum_topic_edited: { name: "x" }, ...inTopic } } as unknown as Omit<Update, "update_id">);
      await say(chat, STAFF, "Outside every topic");

      assert.deepEqual(await toPerson(), ["Sue: It ships tomorrow"]);
      const notes = await notesOf(suite.database.db, harness.botId, thread.id);
      assert.deepEqual(notes.map((note) => [note.author_id, note.text]), [[STAFF.id, "they ordered twice"], [STAFF.id, ""]]);
      const routed = (await audits("desk.staff-reply")).filter((row) => row.object_id === String(person));
      assert.equal(routed.length, 1);
    });

    test("in a group without topics a reply to the card, or to a message sent into its thread, reaches the module", async () => {
      const chat = plainGroup();
      botMember = asAdministrator(false);
      await say(chat, ADMIN, "/workgroup desk replies");
      const person = 830_004;
      await harness.runtime.run({ botId: harness.botId, personId: null, source: "system" }, openCase, { personId: person, title: "Broken window", routingKey: "replies" });
      await harness.runtime.run({ botId: harness.botId, personId: person, source: "bot" }, writeToDesk, { text: "Second floor", messageId: 3 });
      await sendAll();
      const sent = await suite.database.db.selectFrom("outbox").select(["message_id", "payload"]).where("chat_id", "=", chat.id).orderBy("id").execute();
      const [card, followUp] = sent.map((row) => ({ message_id: row.message_id ?? 0, date: 1_800_000_000, chat, from: bot, text: String(row.payload.text) }));
      await say(chat, STAFF, "On our way", { reply_to_message: card } as Partial<Message>);
      await say(chat, STAFF, "Which window?", { reply_to_message: followUp } as Partial<Message>);
      await say(chat, STAFF, "Not a reply");
      const texts = (await harness.outbox()).filter((row) => row.chat_id === person).map((row) => row.payload.text);
      assert.deepEqual(texts, ["Sue: On our way", "Sue: Which window?"]);
    });

    test("a burst of 30 subjects into one forum goes out in order, none lost, within 20 calls a minute", async (t) => {
      const chat = forum();
      await linked(chat, "burst");
      const people = Array.from({ length: 30 }, (_, i) => 840_000 + i);
      await suite.database.transaction(async (trx) => {
        for (const person of people) await harness.runtime.runIn(trx, { botId: harness.botId, personId: null, source: "system" }, openCase, { personId: person, title: `Case ${person}`, routingKey: "burst" });
      });
      const start = clock.t;
      const first = telegram.calls.length;
      // A pass a second of fake time, as the sender's loop would run while the group's limit holds it.
      for (let guard = 0; guard < 600; guard++) {
        await sender.sendDue();
        const pending = await suite.database.db.selectFrom("outbox").select("id").where("chat_id", "=", chat.id).where("status", "in", ["pending", "sending"]).execute();
        if (pending.length === 0) break;
        clock.t += 1_000;
      }
      const calls = telegram.calls.slice(first).filter((call) => Number(call.payload.chat_id) === chat.id);
      assert.equal(calls.length, 60, "a topic and a card for each");
      assert.deepEqual(
        calls.map((call) => (call.method === "createForumTopic" ? String(call.payload.name) : `card ${String(call.payload.text).slice(8, 14)}`)),
        people.flatMap((person) => [`Case ${person}`, `card ${person}`]),
      );
      const busiest = Math.max(...calls.map((call) => calls.filter((other) => other.at >= call.at && other.at < call.at + 60_000).length));
      assert.ok(busiest <= 20, `at most 20 calls in any minute (saw ${busiest})`);
      const failed = await suite.database.db.selectFrom("outbox").select("id").where("chat_id", "=", chat.id).where("status", "!=", "sent").execute();
      assert.equal(failed.length, 0);
      t.diagnostic(`30 subjects (60 calls) into one group: the last call ${(Math.max(...calls.map((call) => call.at)) - start) / 1000} s of fake time after the first pass`);
    });
  });
}
