import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseTelegramHtml } from "../../../../src/platform/broadcasts/domain/telegram-html.ts";

const problemOf = (html: string) => {
  const parsed = parseTelegramHtml(html);
  return parsed.ok ? undefined : parsed.problem;
};

describe("Telegram's HTML subset", () => {
  test("every tag Telegram supports is accepted, and the visible text has no tags", () => {
    const html =
      '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>' +
      '<a href="https://example.com">a</a><code>c</code><pre><code class="language-ts">p</code></pre><tg-spoiler>t</tg-spoiler><blockquote>q</blockquote>';
    const parsed = parseTelegramHtml(html);
    assert.deepEqual(parsed, { ok: true, value: { plainText: "bsieunskdacptq" } });
  });

  test("entities are decoded before the text is measured", () => {
    assert.deepEqual(parseTelegramHtml("5 &lt; 6 &amp;&amp; &#x41;&#66; &quot;ok&quot; -> fine"), {
      ok: true,
      value: { plainText: '5 < 6 && AB "ok" -> fine' },
    });
  });

  test("a bare ampersand is kept as it is", () => {
    assert.deepEqual(parseTelegramHtml("Tom & Jerry"), { ok: true, value: { plainText: "Tom & Jerry" } });
  });

  test("tags are matched without regard to case", () => {
    assert.equal(problemOf("<B>bold</B>"), undefined);
  });

  test("a tag Telegram does not know is refused by name", () => {
    assert.deepEqual(problemOf("<div>hi</div>"), { code: "html-unsupported-tag", args: { tag: "div" } });
    assert.deepEqual(problemOf('<img src="x">'), { code: "html-unsupported-tag", args: { tag: "img" } });
  });

  test("an unclosed tag is refused", () => {
    assert.deepEqual(problemOf("<b>bold"), { code: "html-unclosed-tag", args: { tag: "b" } });
  });

  test("a closing tag without its opening one is refused", () => {
    assert.deepEqual(problemOf("bold</b>"), { code: "html-unexpected-end-tag", args: { tag: "b" } });
  });

  test("crossed tags are refused", () => {
    assert.deepEqual(problemOf("<b><i>x</b></i>"), { code: "html-mismatched-end-tag", args: { tag: "b", expected: "i" } });
  });

  test("a link needs an href", () => {
    assert.deepEqual(problemOf("<a>here</a>"), { code: "html-link-without-href" });
    assert.deepEqual(problemOf('<a href="">here</a>'), { code: "html-link-without-href" });
    assert.equal(problemOf("<a href='https://example.com'>here</a>"), undefined);
  });

  test("formatting inside code is refused, code inside pre is not", () => {
    assert.deepEqual(problemOf("<code><b>x</b></code>"), { code: "html-nested-in-code", args: { tag: "b" } });
    assert.deepEqual(problemOf("<pre><i>x</i></pre>"), { code: "html-nested-in-code", args: { tag: "i" } });
    assert.equal(problemOf("<pre><code>x</code></pre>"), undefined);
  });

  test("a lone < is refused", () => {
    assert.deepEqual(problemOf("1 < 2"), { code: "html-stray-bracket" });
    assert.deepEqual(problemOf("a <"), { code: "html-stray-bracket" });
  });
});
