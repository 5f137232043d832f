import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ChatMember } from "@grammyjs/types";
import { noteText } from "../../../src/platform/work-groups/note-marker.ts";
import { parsePurpose } from "../../../src/platform/work-groups/purpose.ts";
import { missingRights } from "../../../src/platform/work-groups/rights.ts";

const bot = { id: 1, is_bot: true, first_name: "Bot" };
const admin = (rights: Partial<{ can_manage_topics: boolean }>): ChatMember =>
  ({
    status: "administrator",
    user: bot,
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: false,
    can_manage_video_chats: false,
    can_restrict_members: false,
    can_promote_members: false,
    can_change_info: false,
    can_invite_users: false,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    ...rights,
  }) as ChatMember;

describe("the rights a bot needs in a work group", () => {
  test("a plain member lacks being an administrator, and in a forum managing topics too", () => {
    assert.deepEqual(missingRights({ status: "member", user: bot }, false), ["administrator"]);
    assert.deepEqual(missingRights({ status: "member", user: bot }, true), ["administrator", "can_manage_topics"]);
  });
  test("an administrator without topic rights lacks them only in a forum", () => {
    assert.deepEqual(missingRights(admin({}), true), ["can_manage_topics"]);
    assert.deepEqual(missingRights(admin({}), false), []);
    assert.deepEqual(missingRights(admin({ can_manage_topics: true }), true), []);
  });
  test("deleting messages is never asked for", () => {
    assert.deepEqual(missingRights(admin({ can_manage_topics: true }), true), []);
  });
});

describe("the note marker", () => {
  test("a message starting with the marker is a note, its text without the marker", () => {
    assert.equal(noteText("#note call back tomorrow", "#note"), "call back tomorrow");
    assert.equal(noteText("  #NOTE  checked the logs", "#note"), "checked the logs");
    assert.equal(noteText("#note", "#note"), "");
    assert.equal(noteText("// ask the warehouse", "//"), "ask the warehouse");
  });
  test("a word that only begins like the marker is a message", () => {
    assert.equal(noteText("#notes are on the wiki", "#note"), null);
    assert.equal(noteText("Hello, #note", "#note"), null);
    assert.equal(noteText("anything", ""), null);
  });
});

describe("the setup command's purpose", () => {
  test("names a module and an optional routing key", () => {
    assert.deepEqual(parsePurpose("helpdesk"), { module: "helpdesk", routingKey: "" });
    assert.deepEqual(parsePurpose(" Dispatch  north-2 "), { module: "dispatch", routingKey: "north-2" });
  });
  test("anything else is refused", () => {
    assert.equal(parsePurpose(""), null);
    assert.equal(parsePurpose("helpdesk a b"), null);
    assert.equal(parsePurpose("helpdesk ключ"), null);
  });
});
