import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Message, MessageEntity } from "@grammyjs/types";
import { formatText } from "../../src/sandbox/formatting.ts";
import { api, ok, startEmulator } from "./helpers.ts";

async function chatWithUser() {
  const { url, emu } = await startEmulator();
  await ok(url, "getMe");
  const user = emu.control.createUser({ first_name: "Ann" });
  return { url, emu, user };
}

describe("parse modes", () => {
  test("HTML becomes text and entities like Telegram's", () => {
    const r = formatText(
      '<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <tg-spoiler>sp</tg-spoiler> <code>c</code> <a href="https://x.example/">link</a> &lt;&amp;&gt;\n<pre><code class="language-ts">let a;</code></pre>\n<blockquote>quote</blockquote>',
      "HTML",
    );
    assert.equal(r.text, "bold it u s sp c link <&>\nlet a;\nquote");
    assert.deepEqual(r.entities, [
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 5, length: 2 },
      { type: "underline", offset: 8, length: 1 },
      { type: "strikethrough", offset: 10, length: 1 },
      { type: "spoiler", offset: 12, length: 2 },
      { type: "code", offset: 15, length: 1 },
      { type: "text_link", offset: 17, length: 4, url: "https://x.example/" },
      { type: "pre", offset: 26, length: 6, language: "ts" },
      { type: "blockquote", offset: 33, length: 5 },
    ]);
  });

  test("MarkdownV2 becomes text and entities, escapes included", () => {
    const r = formatText("*bold* _it_ __u__ ~s~ ||sp|| `c\\`` [link](https://x.example/a\\)) 1\\.5\n```js\nx()\n```\n>quoted\n>more", "MarkdownV2");
    assert.equal(r.text, "bold it u s sp c` link 1.5\nx()\n\nquoted\nmore");
    assert.deepEqual(r.entities, [
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 5, length: 2 },
      { type: "underline", offset: 8, length: 1 },
      { type: "strikethrough", offset: 10, length: 1 },
      { type: "spoiler", offset: 12, length: 2 },
      { type: "code", offset: 15, length: 2 },
      { type: "text_link", offset: 18, length: 4, url: "https://x.example/a)" },
      { type: "pre", offset: 27, length: 4, language: "js" },
      { type: "blockquote", offset: 32, length: 11 },
    ]);
  });

  test("legacy Markdown supports bold, italic, code and links", () => {
    const r = formatText("*b* _i_ `c` [l](https://x.example/)", "Markdown");
    assert.equal(r.text, "b i c l");
    assert.deepEqual(
      r.entities.map((e: MessageEntity) => e.type),
      ["bold", "italic", "code", "text_link"],
    );
  });

  test("MarkdownV2 entities nest, and an unclosed one names its kind and byte offset", () => {
    const r = formatText("*bold _both_*", "MarkdownV2");
    assert.equal(r.text, "bold both");
    assert.deepEqual(r.entities, [
      { type: "bold", offset: 0, length: 9 },
      { type: "italic", offset: 5, length: 4 },
    ]);
    assert.throws(() => formatText("é *open", "MarkdownV2"), {
      message: "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 3",
    });
  });

  test("an HTML end tag must match the open tag", () => {
    assert.throws(() => formatText("<b><i>x</b></i>", "HTML"), {
      message: 'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
    });
  });

    test("offsets count UTF-16 code units as Telegram's do", () => {
    const r = formatText("👋 <b>hi</b>", "HTML");
    assert.deepEqual(r.entities, [{ type: "bold", offset: 3, length: 2 }]);
  });

  test("sendMessage with parse_mode answers with entities", async () => {
    const { url, user } = await chatWithUser();
    const msg = await ok<Message.TextMessage>(url, "sendMessage", { chat_id: user.id, text: "<b>Hi</b> there", parse_mode: "HTML" });
    assert.equal(msg.text, "Hi there");
    assert.deepEqual(msg.entities, [{ type: "bold", offset: 0, length: 2 }]);
  });

  test("bad markup is 400 can't parse entities", async () => {
    const { url, user } = await chatWithUser();
    const unclosed = await api(url, "sendMessage", { chat_id: user.id, text: "<b>Hi", parse_mode: "HTML" });
    assert.equal(unclosed.error_code, 400);
    assert.match(unclosed.description ?? "", /^Bad Request: can't parse entities: /);
    const unknownTag = await api(url, "sendMessage", { chat_id: user.id, text: "a <foo>b</foo>", parse_mode: "HTML" });
    assert.equal(unknownTag.description, 'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 2');
    const unescaped = await api(url, "sendMessage", { chat_id: user.id, text: "Total: 1.5", parse_mode: "MarkdownV2" });
    assert.equal(
      unescaped.description,
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    const legacy = await api(url, "sendMessage", { chat_id: user.id, text: "snake_case", parse_mode: "Markdown" });
    assert.match(legacy.description ?? "", /can't parse entities: Can't find end of the entity starting at byte offset 5/);
  });
});

describe("sendMessage limits", () => {
  test("4096 characters are accepted and 4097 are 400 message is too long", async () => {
    const { url, user } = await chatWithUser();
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "x".repeat(4096) })).ok, true);
    const long = await api(url, "sendMessage", { chat_id: user.id, text: "x".repeat(4097) });
    assert.deepEqual([long.error_code, long.description], [400, "Bad Request: message is too long"]);
  });

  test("the limit applies to the text after parse_mode, not to the markup", async () => {
    const { url, user } = await chatWithUser();
    const reply = await api(url, "sendMessage", { chat_id: user.id, text: `<b>${"x".repeat(4096)}</b>`, parse_mode: "HTML" });
    assert.equal(reply.ok, true);
  });

  test("empty text is 400 message text is empty", async () => {
    const { url, user } = await chatWithUser();
    const reply = await api(url, "sendMessage", { chat_id: user.id, text: "   " });
    assert.equal(reply.description, "Bad Request: message text is empty");
  });
});

describe("keyboards", () => {
  test("callback_data over 64 bytes or empty is 400 BUTTON_DATA_INVALID", async () => {
    const { url, user } = await chatWithUser();
    const keyboard = (data: string) => ({ inline_keyboard: [[{ text: "Go", callback_data: data }]] });
    assert.equal((await api(url, "sendMessage", { chat_id: user.id, text: "a", reply_markup: keyboard("x".repeat(64)) })).ok, true);
    const long = await api(url, "sendMessage", { chat_id: user.id, text: "a", reply_markup: keyboard("x".repeat(65)) });
    assert.deepEqual([long.error_code, long.description], [400, "Bad Request: BUTTON_DATA_INVALID"]);
    const multibyte = await api(url, "sendMessage", { chat_id: user.id, text: "a", reply_markup: keyboard("я".repeat(33)) });
    assert.equal(multibyte.description, "Bad Request: BUTTON_DATA_INVALID", "the limit is in bytes, not characters");
    const empty = await api(url, "sendMessage", { chat_id: user.id, text: "a", reply_markup: keyboard("") });
    assert.equal(empty.description, "Bad Request: BUTTON_DATA_INVALID");
  });

  test("reply keyboards stay out of the message but are in the transcript", async () => {
    const { url, emu, user } = await chatWithUser();
    const markup = { keyboard: [[{ text: "Share phone", request_contact: true }]], resize_keyboard: true, one_time_keyboard: true };
    const msg = await ok<Message.TextMessage>(url, "sendMessage", { chat_id: user.id, text: "Phone?", reply_markup: markup });
    assert.equal(msg.reply_markup, undefined);
    await ok(url, "sendMessage", { chat_id: user.id, text: "Thanks", reply_markup: { remove_keyboard: true } });
    const entries = await emu.control.transcript({ chat_id: user.id });
    assert.deepEqual(entries[0]?.reply_markup, markup);
    assert.deepEqual(entries[1]?.reply_markup, { remove_keyboard: true });
  });

  test("a pressed button reaches the bot as a callback_query and its answer is in the transcript", async () => {
    const { url, emu, user } = await chatWithUser();
    const msg = await ok<Message.TextMessage>(url, "sendMessage", {
      chat_id: user.id,
      text: "Confirm?",
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "confirm:1" }]] },
    });
    const pressed = emu.control.press({ from: user.id, message_id: msg.message_id, data: "confirm:1" });
    const updates = emu.control.updates();
    const cq = updates.find((u) => u.update_id === pressed.update_id)?.callback_query;
    assert.equal(cq?.id, pressed.callback_query_id);
    assert.equal(cq?.data, "confirm:1");
    assert.equal(cq?.message?.message_id, msg.message_id);
    assert.equal(cq?.from.id, user.id);
    assert.equal(typeof cq?.chat_instance, "string");
    await ok(url, "answerCallbackQuery", { callback_query_id: pressed.callback_query_id, text: "Done", show_alert: true });
    const answer = (await emu.control.transcript({ chat_id: user.id })).find((e) => e.direction === "callback_answer");
    assert.deepEqual(answer?.callback_answer, { callback_query_id: pressed.callback_query_id, text: "Done", show_alert: true });
    const twice = await api(url, "answerCallbackQuery", { callback_query_id: pressed.callback_query_id });
    assert.equal(twice.error_code, 400);
    assert.throws(() => emu.control.press({ from: user.id, message_id: msg.message_id, data: "nope" }), /no button/);
  });
});

describe("edits and deletes", () => {
  test("an edit that changes nothing is 400 message is not modified", async () => {
    const { url, emu, user } = await chatWithUser();
    const markup = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };
    const msg = await ok<Message.TextMessage>(url, "sendMessage", { chat_id: user.id, text: "<b>Hi</b>", parse_mode: "HTML", reply_markup: markup });
    const same = await api(url, "editMessageText", {
      chat_id: user.id,
      message_id: msg.message_id,
      text: "*Hi*",
      parse_mode: "MarkdownV2",
      reply_markup: markup,
    });
    assert.deepEqual(
      [same.error_code, same.description],
      [
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      ],
    );
    const edited = await ok<Message.TextMessage>(url, "editMessageText", { chat_id: user.id, message_id: msg.message_id, text: "Bye" });
    assert.equal(edited.text, "Bye");
    assert.equal(edited.reply_markup, undefined, "an edit without reply_markup removes the inline keyboard");
    assert.equal(typeof edited.edit_date, "number");
    const reordered = await api(url, "editMessageText", {
      chat_id: user.id,
      message_id: msg.message_id,
      text: "Bye",
      reply_markup: { inline_keyboard: [[{ callback_data: "b", text: "B" }]] },
    });
    assert.equal(reordered.ok, true);
    const sameKeysOtherOrder = await api(url, "editMessageReplyMarkup", {
      chat_id: user.id,
      message_id: msg.message_id,
      reply_markup: { inline_keyboard: [[{ text: "B", callback_data: "b" }]] },
    });
    assert.equal(sameKeysOtherOrder.error_code, 400, "key order does not make a markup different");
    await ok(url, "editMessageReplyMarkup", { chat_id: user.id, message_id: msg.message_id });
    const sameMarkup = await api(url, "editMessageReplyMarkup", { chat_id: user.id, message_id: msg.message_id });
    assert.equal(sameMarkup.error_code, 400);
    const entries = await emu.control.transcript({ chat_id: user.id });
    assert.deepEqual(
      entries.map((e) => [e.direction, e.message?.text]),
      [
        ["from_bot", "Bye"],
        ["edit", "Bye"],
        ["edit", "Bye"],
        ["edit", "Bye"],
      ],
    );
  });

  test("editing a missing message is 400 message to edit not found", async () => {
    const { url, user } = await chatWithUser();
    const reply = await api(url, "editMessageText", { chat_id: user.id, message_id: 999, text: "x" });
    assert.equal(reply.description, "Bad Request: message to edit not found");
  });

  test("editMessageCaption changes a photo's caption and refuses a text message", async () => {
    const { url, emu, user } = await chatWithUser();
    const text = await ok<Message.TextMessage>(url, "sendMessage", { chat_id: user.id, text: "plain" });
    const noCaption = await api(url, "editMessageCaption", { chat_id: user.id, message_id: text.message_id, caption: "x" });
    assert.equal(noCaption.error_code, 400);
    const { message } = emu.control.send({ from: user.id, photo: { base64: "iVBORw0KGgo=" } });
    const fileId = message.photo?.[0]?.file_id;
    const photo = await ok<Message.PhotoMessage>(url, "sendPhoto", { chat_id: user.id, photo: fileId, caption: "one" });
    const edited = await ok<Message.PhotoMessage>(url, "editMessageCaption", { chat_id: user.id, message_id: photo.message_id, caption: "two" });
    assert.equal(edited.caption, "two");
  });

  test("deleteMessage removes a message and records the delete", async () => {
    const { url, emu, user } = await chatWithUser();
    const msg = await ok<Message.TextMessage>(url, "sendMessage", { chat_id: user.id, text: "temp" });
    assert.equal(await ok(url, "deleteMessage", { chat_id: user.id, message_id: msg.message_id }), true);
    const again = await api(url, "deleteMessage", { chat_id: user.id, message_id: msg.message_id });
    assert.equal(again.description, "Bad Request: message to delete not found");
    const last = (await emu.control.transcript({ chat_id: user.id })).at(-1);
    assert.equal(last?.direction, "delete");
    assert.equal(last?.message?.message_id, msg.message_id);
  });
});

describe("commands and chat actions", () => {
  test("commands are stored per scope and the effective list follows Telegram's resolution", async () => {
    const { url, emu, user } = await chatWithUser();
    await ok(url, "setMyCommands", { commands: [{ command: "start", description: "Start" }] });
    await ok(url, "setMyCommands", {
      commands: [
        { command: "start", description: "Start" },
        { command: "admin", description: "Admin" },
      ],
      scope: { type: "chat", chat_id: user.id },
    });
    const other = emu.control.createUser({ first_name: "Bob" });
    assert.deepEqual(
      emu.control.commands({ chat_id: user.id }).effective?.map((c) => c.command),
      ["start", "admin"],
    );
    assert.deepEqual(
      emu.control.commands({ chat_id: other.id }).effective?.map((c) => c.command),
      ["start"],
    );
    const scoped = await ok<{ command: string }[]>(url, "getMyCommands", { scope: { type: "chat", chat_id: user.id } });
    assert.equal(scoped.length, 2);
    await ok(url, "deleteMyCommands", { scope: { type: "chat", chat_id: user.id } });
    assert.equal(emu.control.commands().scopes.length, 1);
    const bad = await api(url, "setMyCommands", { commands: [{ command: "Bad-Command", description: "x" }] });
    assert.equal(bad.description, "Bad Request: BOT_COMMAND_INVALID");
  });

  test("sendChatAction is recorded in the transcript", async () => {
    const { url, emu, user } = await chatWithUser();
    await ok(url, "sendChatAction", { chat_id: user.id, action: "typing" });
    const entry = (await emu.control.transcript({ chat_id: user.id }))[0];
    assert.deepEqual([entry?.direction, entry?.action], ["chat_action", "typing"]);
  });
});
