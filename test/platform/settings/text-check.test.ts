import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { allModules } from "../../../src/modules/index.ts";
import { platformFeatures } from "../../../src/platform/features.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { SUPPORTED_LOCALES, Translator } from "../../../src/platform/i18n/translator.ts";
import { checkText, type TextProblem } from "../../../src/platform/settings/text-check.ts";
import { textsFeature } from "../../../src/platform/settings/texts-feature.ts";

const greeting = "Hello, { $name }! What would you like to do?";
const help = "<b>What I can do</b>\n/start – the main menu, { $name }";

function problemOf(text: string, defaultSource = greeting): TextProblem | undefined {
  const check = checkText(text, defaultSource);
  return check.ok ? undefined : check.problem;
}

describe("an edited text", () => {
  test("may reword the default and keep its variables", () => {
    assert.deepEqual(checkText("Hi { $name }, welcome back!", greeting), { ok: true, text: "Hi { $name }, welcome back!", unused: [] });
  });

  test("may leave a variable out, which is reported so the page can warn", () => {
    assert.deepEqual(checkText("Welcome!", greeting), { ok: true, text: "Welcome!", unused: ["name"] });
  });

  test("is tidied: Windows line ends and trailing spaces go", () => {
    const check = checkText("<b>Menu</b>  \r\n/start – begin \r\n\r\n", "<b>What I can do</b>\n/start – the main menu");
    assert.deepEqual(check, { ok: true, text: "<b>Menu</b>\n/start – begin", unused: [] });
  });

  test("may use plural selectors on a variable the default has", () => {
    const check = checkText("{ $count ->\n  [one] one message\n *[other] { $count } messages\n}", "{ $count } messages");
    assert.equal(check.ok, true);
  });

  test("cannot be empty", () => {
    assert.deepEqual(problemOf("  \n "), { kind: "empty" });
  });

  test("cannot use a variable the default is not given", () => {
    assert.deepEqual(problemOf("Hello { $nmae }!"), { kind: "unknown-variable", name: "nmae", known: ["name"] });
    assert.deepEqual(problemOf("{ $count } left", "Nothing left"), { kind: "unknown-variable", name: "count", known: [] });
  });

  test("cannot leave a placeable open or close one that is not open", () => {
    assert.deepEqual(problemOf("Hello\n{ $name"), { kind: "unclosed-placeable", line: 2 });
    assert.deepEqual(problemOf("Hello } there"), { kind: "stray-brace", line: 1 });
    assert.equal(problemOf('Hello { "}" } there'), undefined, "a brace inside a string literal is text");
  });

  test("must parse as Fluent", () => {
    assert.deepEqual(problemOf("Hello { $ }"), { kind: "syntax" });
    assert.deepEqual(problemOf("Hello { $name -> }"), { kind: "syntax" });
  });

  test("cannot start a further line with what Fluent reads as markup, which would cut it short", () => {
    assert.deepEqual(problemOf("Our offers:\n* haircut\n* colouring"), { kind: "special-line", line: 2, character: "*" });
    assert.deepEqual(problemOf("Hello\n.title = x"), { kind: "special-line", line: 2, character: "." });
    assert.deepEqual(problemOf("Hello\n[note] x"), { kind: "special-line", line: 2, character: "[" });
    assert.equal(problemOf('Our offers:\n{ "*" } haircut'), undefined, "quoted, it is text");
    assert.deepEqual(problemOf('Braces look like { "{" }\n* this'), { kind: "special-line", line: 2, character: "*" }, "a quoted brace opens nothing");
  });

  test("cannot include other messages or terms, which an override cannot reach", () => {
    assert.deepEqual(problemOf("{ home-nothing }"), { kind: "reference", name: "home-nothing" });
    assert.deepEqual(problemOf("Welcome to { -brand }"), { kind: "reference", name: "-brand" });
  });

  test("can call Fluent's own functions only", () => {
    assert.equal(problemOf("{ NUMBER($max) } characters at most", "Keep it under { $max } characters."), undefined);
    assert.deepEqual(problemOf("{ UPPER($name) }"), { kind: "unknown-function", name: "UPPER" });
  });

  test("may use tags only where the default is formatted, the texts the bot sends as Telegram HTML", () => {
    assert.deepEqual(problemOf("Hello, <b>{ $name }</b>!"), { kind: "plain-text", tag: "b" }, "a plain reply would show the tags as typed");
    assert.deepEqual(problemOf("Hi</i>"), { kind: "plain-text", tag: "i" });
    assert.equal(problemOf("Hello, <b>{ $name }</b>!", help), undefined);
    assert.equal(problemOf("3 < 5 and <Ann> > 3"), undefined, "in a plain text, what is not Telegram's formatting shows as it is written");
  });

  test("keeps Telegram's HTML well formed where it is formatted", () => {
    assert.equal(problemOf('<b>Hi</b> <a href="https://example.com">{ $name }</a>', help), undefined);
    assert.deepEqual(problemOf("<div>Hi</div>", help), { kind: "unknown-tag", tag: "div" });
    assert.deepEqual(problemOf("<b>Hi { $name }", help), { kind: "unclosed-tag", tag: "b" });
    assert.deepEqual(problemOf("<b><i>Hi</b></i>", help), { kind: "unclosed-tag", tag: "i" });
    assert.deepEqual(problemOf("Hi</b>", help), { kind: "unopened-tag", tag: "b" });
    assert.deepEqual(problemOf("<b>Prices</b> 3 < 5", help), { kind: "stray-bracket" }, "Telegram refuses a < that opens no tag");
    assert.equal(problemOf("<b>Prices</b> 3 &lt; 5 &amp; more", help), undefined);
  });

  test("every text of every catalogue passes as its own default", () => {
    const translator = new Translator([...platformCatalogues(), ...[...platformFeatures, ...allModules].flatMap((module) => module.catalogues ?? [])]);
    for (const locale of SUPPORTED_LOCALES) {
      for (const key of translator.keys(locale)) {
        const source = translator.source(locale, key);
        if (source === undefined) continue;
        const check = checkText(source, source);
        assert.ok(check.ok, `${locale} ${key}: ${JSON.stringify(check.ok ? undefined : check.problem)}`);
      }
    }
  });

  test("every problem has a message in English and Russian", () => {
    const translator = new Translator(textsFeature.catalogues ?? []);
    const problems = ["  ", "{ $name", "a } b", "a\n* b", "{ $ }", "{ $x }", "{ -brand }", "{ F() }", "<b>"].map((text) => problemOf(text));
    problems.push(...["<div>", "<b>", "</b>", "<b>a</b> <"].map((text) => problemOf(text, help)));
    assert.equal(new Set(problems.map((problem) => problem?.kind)).size, problems.length, "one example of each");
    for (const problem of problems) {
      assert.ok(problem !== undefined);
      for (const locale of ["en", "ru"] as const) assert.ok(translator.has(locale, `texts-problem-${problem.kind}`), `${locale}: ${problem.kind}`);
    }
  });
});
