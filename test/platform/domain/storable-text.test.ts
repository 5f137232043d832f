import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { storableText, unstorableTextAt } from "../../../src/platform/domain/storable-text.ts";

describe("text the database can keep", () => {
  test("U+0000 and lone surrogates are found by their field path", () => {
    assert.equal(unstorableTextAt({ title: "ok", body: { text: "a\u0000b" } }), "body.text");
    assert.equal(unstorableTextAt({ lines: ["ok", "lone \ud800"] }), "lines.1");
    assert.equal(unstorableTextAt("\udc00"), "");
  });

  test("everything else is fine, emoji (surrogate pairs) included", () => {
    assert.equal(unstorableTextAt({ text: "Привет 👋", count: 3, none: null, when: new Date(0) }), undefined);
  });

  test("what the database cannot keep is replaced, the rest kept", () => {
    assert.equal(storableText("a\u0000b \ud800 👋"), "a\uFFFDb \uFFFD 👋");
  });
});
