import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { MessageEntity } from "@grammyjs/types";
import { linkOf, plainText, safeUrl, toSegments, type EntitySegment, type Segment } from "../../web/src/playground/entities.ts";

/** A compact view of a segment tree: "text" or ["type", ...children]. */
type Shape = string | [string, ...Shape[]];
function shape(segments: readonly Segment[]): Shape[] {
  return segments.map((s) => (s.kind === "text" ? s.text : [s.entity.type, ...shape(s.children)]));
}

describe("toSegments", () => {
  test("plain text is one text segment; no entities or an empty list are the same", () => {
    assert.deepEqual(shape(toSegments("hello", undefined)), ["hello"]);
    assert.deepEqual(shape(toSegments("hello", [])), ["hello"]);
    assert.deepEqual(toSegments("", []), []);
  });

  test("entities split the text around them", () => {
    const entities: MessageEntity[] = [
      { type: "bold", offset: 0, length: 5 },
      { type: "italic", offset: 6, length: 5 },
    ];
    assert.deepEqual(shape(toSegments("Hello world!", entities)), [["bold", "Hello"], " ", ["italic", "world"], "!"]);
  });

  test("offsets count UTF-16 code units: an emoji before an entity takes two", () => {
    const text = "👋 Hi Ann";
    // "👋" is 2 code units, so "Ann" starts at 6.
    const segments = toSegments(text, [{ type: "bold", offset: 6, length: 3 }]);
    assert.deepEqual(shape(segments), ["👋 Hi ", ["bold", "Ann"]]);
    const emojiInside = toSegments("a👍b", [{ type: "italic", offset: 1, length: 2 }]);
    assert.deepEqual(shape(emojiInside), ["a", ["italic", "👍"], "b"]);
    assert.equal(plainText(segments), text);
  });

  test("nested entities nest, outermost first, whatever order they come in", () => {
    const entities: MessageEntity[] = [
      { type: "italic", offset: 5, length: 3 },
      { type: "bold", offset: 0, length: 11 },
    ];
    assert.deepEqual(shape(toSegments("bold ita rest", entities)), [["bold", "bold ", ["italic", "ita"], " re"], "st"]);
  });

  test("the same range twice nests in the bot's order", () => {
    const entities: MessageEntity[] = [
      { type: "bold", offset: 0, length: 3 },
      { type: "underline", offset: 0, length: 3 },
    ];
    assert.deepEqual(shape(toSegments("abc", entities)), [["bold", ["underline", "abc"]]]);
  });

  test("overlapping entities are split at the boundary and keep all their text", () => {
    const entities: MessageEntity[] = [
      { type: "bold", offset: 0, length: 6 },
      { type: "italic", offset: 3, length: 6 },
    ];
    const segments = toSegments("abcdefghi", entities);
    assert.deepEqual(shape(segments), [["bold", "abc", ["italic", "def"]], ["italic", "ghi"]]);
    assert.equal(plainText(segments), "abcdefghi");
  });

  test("a blockquote with formatting inside stays one block", () => {
    const text = "Quote with bold and code.";
    const entities: MessageEntity[] = [
      { type: "blockquote", offset: 0, length: text.length },
      { type: "bold", offset: 11, length: 4 },
      { type: "code", offset: 20, length: 4 },
    ];
    assert.deepEqual(shape(toSegments(text, entities)), [["blockquote", "Quote with ", ["bold", "bold"], " and ", ["code", "code"], "."]]);
  });

  test("entities out of range are clamped, empty ones dropped", () => {
    const entities: MessageEntity[] = [
      { type: "bold", offset: 3, length: 50 },
      { type: "italic", offset: 1, length: 0 },
      { type: "code", offset: 40, length: 2 },
    ];
    assert.deepEqual(shape(toSegments("abcdef", entities)), ["abc", ["bold", "def"]]);
  });

  test("text stays text: markup-looking characters are not interpreted", () => {
    const segments = toSegments("<b>not bold</b> & <script>", []);
    assert.deepEqual(shape(segments), ["<b>not bold</b> & <script>"]);
  });

  test("pre keeps its language; each entity segment carries its own text", () => {
    const [pre] = toSegments("x = 1\ny = 2", [{ type: "pre", offset: 0, length: 11, language: "python" }]) as [EntitySegment];
    assert.equal(pre.entity.type === "pre" ? pre.entity.language : undefined, "python");
    assert.equal(pre.text, "x = 1\ny = 2");
  });
});

describe("links", () => {
  const seg = (entity: MessageEntity, text: string): EntitySegment => ({ kind: "entity", entity, text, children: [{ kind: "text", text }] });

  test("text_link, url, email, phone and mention link to where they say", () => {
    assert.equal(linkOf(seg({ type: "text_link", offset: 0, length: 4, url: "https://example.com/a" }, "docs")), "https://example.com/a");
    assert.equal(linkOf(seg({ type: "url", offset: 0, length: 11 }, "example.com")), "https://example.com");
    assert.equal(linkOf(seg({ type: "email", offset: 0, length: 9 }, "a@b.co.uk")), "mailto:a@b.co.uk");
    assert.equal(linkOf(seg({ type: "phone_number", offset: 0, length: 15 }, "+1 (555) 000-11")), "tel:+155500011");
    assert.equal(linkOf(seg({ type: "mention", offset: 0, length: 4 }, "@ann")), "https://t.me/ann");
    assert.equal(linkOf(seg({ type: "bold", offset: 0, length: 4 }, "bold")), undefined);
  });

  test("unsafe schemes never become links", () => {
    assert.equal(safeUrl("javascript:alert(1)"), undefined);
    assert.equal(safeUrl(" JavaScript:alert(1)"), undefined);
    assert.equal(safeUrl("data:text/html,<script>"), undefined);
    assert.equal(safeUrl("tg://resolve?domain=x"), "tg://resolve?domain=x");
    assert.equal(safeUrl("HTTPS://EXAMPLE.COM"), "HTTPS://EXAMPLE.COM");
    assert.equal(linkOf(seg({ type: "text_link", offset: 0, length: 1, url: "javascript:alert(1)" }, "x")), undefined);
  });
});
