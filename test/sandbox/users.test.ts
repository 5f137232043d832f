import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ChatMember, ForumTopic, Message, Update } from "@grammyjs/types";
import { BOT_ID, api, control, ok, startEmulator } from "./helpers.ts";

describe("blocking", () => {
  test("a blocked bot gets 403 and my_chat_member updates on block and unblock", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    const blocked = await control<{ update_id: number }>(url, "POST", "block", { user_id: user.id, blocked: true });
    assert.equal(blocked.status, 200);
    const reply = await api(url, "sendMessage", { chat_id: user.id, text: "promo" });
    assert.deepEqual([reply.error_code, reply.description], [403, "Forbidden: bot was blocked by the user"]);
    emu.control.block({ user_id: user.id, blocked: false });
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "welcome back" })).ok, true);
    const updates = await ok<Update[]>(url, "getUpdates");
    const changes = updates.map((u) => u.my_chat_member).filter((m) => m !== undefined);
    assert.deepEqual(
      changes.map((m) => [m.chat.id, m.from.id, m.old_chat_member.status, m.new_chat_member.status, m.new_chat_member.user.id]),
      [
        [user.id, user.id, "member", "kicked", BOT_ID],
        [user.id, user.id, "kicked", "member", BOT_ID],
      ],
    );
  });

  test("a blocked user who writes again unblocks the bot first", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const user = emu.control.createUser({ first_name: "Ann" });
    emu.control.block({ user_id: user.id, blocked: true });
    emu.control.send({ from: user.id, text: "/start" });
    const types = emu.control.updates().map((u) => Object.keys(u).find((k) => k !== "update_id"));
    assert.deepEqual(types, ["my_chat_member", "my_chat_member", "message"]);
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "hi" })).ok, true);
  });
});

describe("groups and forums", () => {
  test("a user writes in a group, the bot answers there, and getChatMember knows roles", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const ann = emu.control.createUser({ first_name: "Ann" });
    const bob = emu.control.createUser({ first_name: "Bob" });
    const group = emu.control.createChat({ type: "group", title: "Team", members: [ann.id, bob.id], administrators: [ann.id] });
    assert.ok(group.id < 0);
    const { message } = emu.control.send({ from: bob.id, chat_id: group.id, text: "hello team" });
    assert.equal(message.chat.id, group.id);
    const reply = await ok<Message.TextMessage>(url, "sendMessage", { chat_id: group.id, text: "hi" });
    assert.equal(reply.message_id, message.message_id + 1);
    const annMember = await ok<ChatMember>(url, "getChatMember", { chat_id: group.id, user_id: ann.id });
    const bobMember = await ok<ChatMember>(url, "getChatMember", { chat_id: group.id, user_id: bob.id });
    assert.deepEqual([annMember.status, bobMember.status], ["administrator", "member"]);
    const stranger = emu.control.createUser({ first_name: "Eve" });
    assert.throws(() => emu.control.send({ from: stranger.id, chat_id: group.id, text: "x" }), /not a member/);
  });

  test("a forum topic created by the bot carries messages with message_thread_id", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const ann = emu.control.createUser({ first_name: "Ann" });
    const forum = emu.control.createChat({ type: "supergroup", title: "Desk", is_forum: true, members: [ann.id] });
    const refused = await api(url, "createForumTopic", { chat_id: forum.id, name: "Ticket 1" });
    assert.equal(refused.description, "Bad Request: not enough rights to create a topic");
    emu.control.membership({ chat_id: forum.id, status: "administrator", rights: { can_manage_topics: true }, by: ann.id });
    const topic = await ok<ForumTopic>(url, "createForumTopic", { chat_id: forum.id, name: "Ticket 1" });
    const inTopic = await ok<Message.TextMessage>(url, "sendMessage", { chat_id: forum.id, message_thread_id: topic.message_thread_id, text: "opened" });
    assert.equal(inTopic.message_thread_id, topic.message_thread_id);
    assert.equal(inTopic.is_topic_message, true);
    const { message } = emu.control.send({ from: ann.id, chat_id: forum.id, message_thread_id: topic.message_thread_id, text: "thanks" });
    assert.equal(message.message_thread_id, topic.message_thread_id);
    const missing = await api(url, "sendMessage", { chat_id: forum.id, message_thread_id: 9999, text: "x" });
    assert.equal(missing.description, "Bad Request: message thread not found");
    const plain = emu.control.createChat({ type: "group", title: "Plain", members: [] });
    const notForum = await api(url, "createForumTopic", { chat_id: plain.id, name: "x" });
    assert.equal(notForum.description, "Bad Request: the chat is not a forum");
  });

  test("the bot added, promoted and removed from a group hears each as my_chat_member, and is refused once removed", async () => {
    const { url, emu } = await startEmulator();
    await ok(url, "getMe");
    const ann = emu.control.createUser({ first_name: "Ann" });
    const team = emu.control.createChat({ type: "supergroup", title: "Team", is_forum: true, members: [ann.id], creator: ann.id });
    emu.control.membership({ chat_id: team.id, status: "member" });
    emu.control.membership({ chat_id: team.id, status: "administrator", rights: { can_manage_topics: true } });
    const admin = await ok<ChatMember>(url, "getChatMember", { chat_id: team.id, user_id: BOT_ID });
    assert.deepEqual([admin.status, "can_manage_topics" in admin && admin.can_manage_topics], ["administrator", true]);
    emu.control.membership({ chat_id: team.id, status: "left" });
    const gone = await api(url, "sendMessage", { chat_id: team.id, text: "still here?" });
    assert.deepEqual([gone.error_code, gone.description], [403, "Forbidden: bot was kicked from the supergroup chat"]);
    const updates = await ok<Update[]>(url, "getUpdates");
    const changes = updates.map((u) => u.my_chat_member).filter((m) => m !== undefined);
    assert.deepEqual(
      changes.map((m) => [m.chat.id, m.from.id, m.old_chat_member.status, m.new_chat_member.status]),
      [
        [team.id, ann.id, "member", "member"],
        [team.id, ann.id, "member", "administrator"],
        [team.id, ann.id, "administrator", "left"],
      ],
    );
  });
});
