import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkDraft, checkSendAt, composeMessage, DRAFT_LIMITS, type BroadcastDraft } from "../../../../src/platform/broadcasts/domain/draft.ts";

const draft = (change: Partial<BroadcastDraft> = {}): BroadcastDraft => ({ text: "<b>Sale</b> today", photo: null, buttons: [], ...change });

describe("a broadcast draft", () => {
  test("a formatted text with link buttons is accepted", () => {
    assert.equal(checkDraft(draft({ buttons: [{ text: "Shop", url: "https://example.com/shop" }] })), undefined);
  });

  test("an empty or blank text is refused", () => {
    assert.deepEqual(checkDraft(draft({ text: "" })), { code: "text-empty" });
    assert.deepEqual(checkDraft(draft({ text: "  <b> </b> " })), { code: "text-empty" });
  });

  test("a text message may have 4096 visible characters; tags do not count", () => {
    const longest = `<b>${"a".repeat(DRAFT_LIMITS.text)}</b>`;
    assert.equal(checkDraft(draft({ text: longest })), undefined);
    assert.deepEqual(checkDraft(draft({ text: "a".repeat(DRAFT_LIMITS.text + 1) })), { code: "text-too-long", args: { max: 4096, length: 4097 } });
  });

  test("under a photo the text is a caption of at most 1024 characters", () => {
    const photo = "https://example.com/sale.png";
    assert.equal(checkDraft(draft({ photo, text: "a".repeat(1024) })), undefined);
    assert.deepEqual(checkDraft(draft({ photo, text: "a".repeat(1025) })), { code: "caption-too-long", args: { max: 1024, length: 1025 } });
  });

  test("a photo is a file_id or an http(s) link", () => {
    assert.equal(checkDraft(draft({ photo: "AgACAgIAAxkBAAIBY2Zz_-abc" })), undefined);
    assert.deepEqual(checkDraft(draft({ photo: "ftp://example.com/a.png" })), { code: "photo-invalid" });
    assert.deepEqual(checkDraft(draft({ photo: "not a photo" })), { code: "photo-invalid" });
  });

  test("invalid HTML is refused with the HTML problem", () => {
    assert.deepEqual(checkDraft(draft({ text: "<script>x</script>" })), { code: "html-unsupported-tag", args: { tag: "script" } });
  });

  test("at most ten buttons", () => {
    const buttons = Array.from({ length: 11 }, (_, i) => ({ text: `B${i}`, url: "https://example.com" }));
    assert.deepEqual(checkDraft(draft({ buttons })), { code: "too-many-buttons", args: { max: 10 } });
    assert.equal(checkDraft(draft({ buttons: buttons.slice(0, 10) })), undefined);
  });

  test("a button needs a label and an http(s) link; the problem names the button", () => {
    const ok = { text: "Shop", url: "https://example.com" };
    assert.deepEqual(checkDraft(draft({ buttons: [ok, { text: " ", url: "https://example.com" }] })), {
      code: "button-text-invalid",
      args: { number: 2, max: 64 },
    });
    assert.deepEqual(checkDraft(draft({ buttons: [{ text: "Go", url: "javascript:alert(1)" }] })), { code: "button-url-invalid", args: { number: 1 } });
    assert.deepEqual(checkDraft(draft({ buttons: [{ text: "Go", url: "tg://resolve?domain=x" }] })), { code: "button-url-invalid", args: { number: 1 } });
  });

  test("a text draft becomes a sendMessage in HTML with one link button per row", () => {
    const message = composeMessage(draft({ buttons: [{ text: " Shop ", url: "https://example.com" }, { text: "Map", url: "https://example.com/map" }] }), 42);
    assert.deepEqual(message, {
      method: "sendMessage",
      payload: {
        chat_id: 42,
        text: "<b>Sale</b> today",
        parse_mode: "HTML",
        reply_markup: { inline_keyboard: [[{ text: "Shop", url: "https://example.com" }], [{ text: "Map", url: "https://example.com/map" }]] },
      },
    });
  });

  test("a photo draft becomes a sendPhoto with the text as its caption", () => {
    assert.deepEqual(composeMessage(draft({ photo: "https://example.com/a.png" }), 7), {
      method: "sendPhoto",
      payload: { chat_id: 7, photo: "https://example.com/a.png", caption: "<b>Sale</b> today", parse_mode: "HTML" },
    });
  });
});

describe("the send time", () => {
  const now = new Date("2030-05-01T10:00:00Z");

  test("now, a moment ago and later are accepted", () => {
    assert.equal(checkSendAt(now, now), undefined);
    assert.equal(checkSendAt(new Date(now.getTime() - 30_000), now), undefined);
    assert.equal(checkSendAt(new Date("2030-06-01T10:00:00Z"), now), undefined);
  });

  test("the past and a non-date are refused", () => {
    assert.deepEqual(checkSendAt(new Date("2030-04-30T10:00:00Z"), now), { code: "send-at-past" });
    assert.deepEqual(checkSendAt(new Date("soon"), now), { code: "send-at-invalid" });
  });
});
