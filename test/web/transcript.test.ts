import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Message, ReplyKeyboardMarkup } from "@grammyjs/types";
import type { TranscriptEntry } from "../../src/sandbox/control.ts";
import { applyEntries, editableField, emptyChat, groupAlbums, itemsInTopic, largestPhoto, replyButtonAction, type ChatMessage, type ChatState } from "../../web/src/playground/transcript.ts";

const CHAT = 100000001;
const BOT = 777000;
let seq = 0;

function msg(id: number, fields: Record<string, unknown>): Message {
  return { message_id: id, date: 1_700_000_000, chat: { id: CHAT, type: "private", first_name: "Ann" }, ...fields } as unknown as Message;
}
function entry(direction: TranscriptEntry["direction"], fields: Partial<TranscriptEntry> = {}): TranscriptEntry {
  return { seq: ++seq, chat_id: CHAT, bot_id: BOT, at: 0, direction, ...fields };
}
function apply(state: ChatState, ...entries: TranscriptEntry[]) {
  return applyEntries(state, entries);
}
function texts(state: ChatState): (string | undefined)[] {
  return state.items.map((i) => (i.kind === "message" ? i.message.text : `event: ${i.text}`));
}

const KEYBOARD: ReplyKeyboardMarkup = { keyboard: [[{ text: "Share", request_contact: true }], ["Hello"]], input_field_placeholder: "Pick one" };

describe("applyEntries", () => {
  test("messages appear in order, the user's and the bot's told apart; lastSeq follows", () => {
    const a = entry("from_user", { message: msg(1, { text: "/start" }) });
    const b = entry("from_bot", { message: msg(2, { text: "Welcome" }) });
    const { state } = apply(emptyChat, a, b);
    assert.deepEqual(texts(state), ["/start", "Welcome"]);
    assert.deepEqual(state.items.map((i) => (i as ChatMessage).fromBot), [false, true]);
    assert.equal(state.lastSeq, b.seq);
  });

  test("an edit replaces the message in place and marks it edited; a delete removes it", () => {
    const sent = entry("from_bot", { message: msg(2, { text: "Before", reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] } }) });
    const after = entry("from_bot", { message: msg(3, { text: "Next" }) });
    let { state } = apply(emptyChat, sent, after);
    ({ state } = apply(state, entry("edit", { message: msg(2, { text: "After" }) })));
    assert.deepEqual(texts(state), ["After", "Next"]);
    const edited = state.items[0] as ChatMessage;
    assert.equal(edited.edited, true);
    assert.equal(edited.message.reply_markup, undefined, "the edit removed the keyboard");
    ({ state } = apply(state, entry("delete", { message: msg(3, { text: "Next" }) })));
    assert.deepEqual(texts(state), ["After"]);
  });

  test("entries already seen are ignored, so a repeated read changes nothing", () => {
    const a = entry("from_user", { message: msg(1, { text: "hi" }) });
    const once = apply(emptyChat, a).state;
    const twice = apply(once, a).state;
    assert.deepEqual(twice, once);
  });

  test("the reply keyboard is the newest bot message's, until remove_keyboard", () => {
    let { state } = apply(emptyChat, entry("from_bot", { message: msg(1, { text: "Choose" }), reply_markup: KEYBOARD }));
    assert.deepEqual(state.replyKeyboard, KEYBOARD);
    assert.equal(state.placeholder, "Pick one");
    // A bot message without markup leaves the keyboard; an inline keyboard does too.
    ({ state } = apply(state, entry("from_bot", { message: msg(2, { text: "Still here" }) })));
    ({ state } = apply(state, entry("from_bot", { message: msg(3, { text: "Inline" }), reply_markup: { inline_keyboard: [] } })));
    assert.deepEqual(state.replyKeyboard, KEYBOARD);
    const other: ReplyKeyboardMarkup = { keyboard: [["Yes", "No"]] };
    ({ state } = apply(state, entry("from_bot", { message: msg(4, { text: "Sure?" }), reply_markup: other })));
    assert.deepEqual(state.replyKeyboard, other);
    assert.equal(state.placeholder, undefined);
    ({ state } = apply(state, entry("from_bot", { message: msg(5, { text: "Done" }), reply_markup: { remove_keyboard: true } })));
    assert.equal(state.replyKeyboard, undefined);
  });

  test("a one-time keyboard is marked used once the user sends something", () => {
    const oneTime: ReplyKeyboardMarkup = { keyboard: [["A", "B"]], one_time_keyboard: true };
    let { state } = apply(emptyChat, entry("from_bot", { message: msg(1, { text: "Pick" }), reply_markup: oneTime }));
    assert.equal(state.replyKeyboardUsed, false);
    ({ state } = apply(state, entry("from_user", { message: msg(2, { text: "A" }) })));
    assert.equal(state.replyKeyboardUsed, true);
    assert.deepEqual(state.replyKeyboard, oneTime, "still there, only collapsed");
  });

  test("callback answers with text become notices; alerts are flagged; empty answers are silent", () => {
    const { notices, state } = apply(
      emptyChat,
      entry("callback_answer", { callback_answer: { callback_query_id: "1", text: "Saved" } }),
      entry("callback_answer", { callback_answer: { callback_query_id: "2" } }),
      entry("callback_answer", { callback_answer: { callback_query_id: "3", text: "Careful", show_alert: true } }),
    );
    assert.deepEqual(
      notices.map((n) => [n.text, n.alert]),
      [
        ["Saved", false],
        ["Careful", true],
      ],
    );
    assert.equal(state.items.length, 0);
  });

  test("a chat action shows until the bot's next message; events become service lines", () => {
    let { state } = apply(emptyChat, entry("chat_action", { action: "typing" }));
    assert.equal(state.action, "typing");
    ({ state } = apply(state, entry("from_bot", { message: msg(1, { text: "Here" }) })));
    assert.equal(state.action, undefined);
    ({ state } = apply(state, entry("event", { event: { type: "blocked" } }), entry("event", { event: { type: "something_new" } })));
    assert.deepEqual(texts(state), ["Here", "event: You blocked the bot"]);
  });
});

describe("albums", () => {
  test("consecutive messages of one media_group_id fold into one album; others stay apart", () => {
    const photo = [{ file_id: "p", file_unique_id: "u", width: 1, height: 1 }];
    const { state } = apply(
      emptyChat,
      entry("from_user", { message: msg(1, { media_group_id: "7", photo, caption: "trip" }) }),
      entry("from_user", { message: msg(2, { media_group_id: "7", photo }) }),
      entry("from_user", { message: msg(3, { media_group_id: "7", photo }) }),
      entry("from_bot", { message: msg(4, { text: "nice" }) }),
      entry("from_bot", { message: msg(5, { media_group_id: "8", photo }) }),
      entry("from_bot", { message: msg(6, { media_group_id: "8", photo }) }),
      entry("from_user", { message: msg(7, { media_group_id: "9", photo }) }),
    );
    const shown = groupAlbums(state.items);
    assert.deepEqual(
      shown.map((i) => (i.kind === "album" ? i.messages.map((m) => m.message.message_id) : i.kind === "message" ? i.message.message_id : i.key)),
      [[1, 2, 3], 4, [5, 6], 7],
      "an album of one (the rest not yet read) shows as a plain message",
    );
    assert.deepEqual(shown.map((i) => i.kind === "album" && i.fromBot), [false, false, true, false]);
  });

  test("users edit the text of a text message and the caption of media, nothing else", () => {
    assert.equal(editableField(msg(1, { text: "hi" })), "text");
    assert.equal(editableField(msg(1, { video: { file_id: "v" } })), "caption");
    assert.equal(editableField(msg(1, { location: { latitude: 1, longitude: 2 } })), undefined);
    assert.equal(editableField(msg(1, { sticker: { file_id: "s" } })), undefined);
  });
});

describe("reply keyboard buttons", () => {
  test("text buttons send their text, request_contact shares a contact, others are explained", () => {
    assert.deepEqual(replyButtonAction("Hello"), { kind: "text", text: "Hello" });
    assert.deepEqual(replyButtonAction({ text: "Menu" }), { kind: "text", text: "Menu" });
    assert.deepEqual(replyButtonAction({ text: "Phone", request_contact: true }), { kind: "contact" });
    assert.deepEqual(replyButtonAction({ text: "Phone?", request_contact: false }), { kind: "text", text: "Phone?" });
    const location = replyButtonAction({ text: "Where", request_location: true });
    assert.equal(location.kind, "unsupported");
    const webApp = replyButtonAction({ text: "App", web_app: { url: "https://example.com" } });
    assert.equal(webApp.kind, "unsupported");
    assert.match(webApp.kind === "unsupported" ? webApp.reason : "", /web app/);
  });
});

describe("largestPhoto", () => {
  test("picks the biggest size by area", () => {
    const sizes = [
      { file_id: "s", width: 90, height: 60 },
      { file_id: "l", width: 1280, height: 853 },
      { file_id: "m", width: 320, height: 213 },
    ];
    assert.equal(largestPhoto(sizes)?.file_id, "l");
    assert.equal(largestPhoto([]), undefined);
    assert.equal(largestPhoto(undefined), undefined);
  });
});

describe("itemsInTopic", () => {
  test("a topic shows its own messages and the group's events, General what has no thread, neither the topic's creation", () => {
    const { state } = apply(
      emptyChat,
      entry("from_bot", { message: msg(10, { message_thread_id: 10, forum_topic_created: { name: "Case 1", icon_color: 0 } }) }),
      entry("from_bot", { message: msg(11, { text: "card", message_thread_id: 10, is_topic_message: true }) }),
      entry("from_user", { message: msg(12, { text: "hello all" }) }),
      entry("event", { event: { type: "bot-administrator" } }),
      entry("from_user", { message: msg(13, { text: "on it", message_thread_id: 10, is_topic_message: true }) }),
    );
    assert.deepEqual(texts({ ...state, items: itemsInTopic(state.items, 10) }), ["card", "event: The bot is an administrator of the group", "on it"]);
    assert.deepEqual(texts({ ...state, items: itemsInTopic(state.items, undefined) }), ["hello all", "event: The bot is an administrator of the group"]);
  });
});
