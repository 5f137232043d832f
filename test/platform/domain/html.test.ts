import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml } from "../../../src/platform/domain/html.ts";

test("people's words are not read as markup", () => {
  assert.equal(escapeHtml("<b>Tom & Jerry</b>"), "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;");
});

test("a quote is escaped too, so the text is safe inside an attribute", () => {
  assert.equal(escapeHtml('say "hi"'), "say &quot;hi&quot;");
});

test("an entity already in the text is shown as typed, not read", () => {
  assert.equal(escapeHtml("&lt;"), "&amp;lt;");
});
