import assert from "node:assert/strict";
import { test } from "node:test";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { messageSources } from "../../../src/platform/i18n/message-sources.ts";
import { allModules } from "../../../src/modules/index.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { overrideSource, SUPPORTED_LOCALES, Translator } from "../../../src/platform/i18n/translator.ts";
import { textsFeature } from "../../../src/platform/settings/texts-feature.ts";

const ftl = `# A comment
greeting = Hello, { $name }!
help =
    <b>What I can do</b>
    /start – the main menu

    /help – this message
preview = <b>Your message</b>

    { $text }

    Send it?
-brand = Botyard
count = { $n ->
        [one] one apple
       *[other] { $n } apples
    }
role = { $role ->
    [owner] owner
   *[other] { $role }
}
button = Press
    .title = A tooltip
last = The end
`;

test("a message's source is its value, without the key, indentation, attributes or comments", () => {
  const sources = messageSources(ftl);
  assert.equal(sources.get("greeting"), "Hello, { $name }!");
  assert.equal(sources.get("help"), "<b>What I can do</b>\n/start – the main menu\n\n/help – this message");
  assert.equal(sources.get("preview"), "<b>Your message</b>\n\n{ $text }\n\nSend it?");
  assert.equal(sources.get("count"), "{ $n ->\n    [one] one apple\n   *[other] { $n } apples\n}");
  assert.equal(sources.get("role"), "{ $role ->\n [owner] owner\n*[other] { $role }\n}", "a placeable may close at the line's start");
  assert.equal(sources.get("button"), "Press");
  assert.equal(sources.get("last"), "The end");
  assert.equal(sources.has("-brand"), false, "terms are not messages");
});

test("a source saved as an override formats exactly like the catalogue's message", () => {
  const catalogue = new FluentBundle("en", { useIsolating: false });
  catalogue.addResource(new FluentResource(ftl));
  for (const [key, source] of messageSources(ftl)) {
    const override = new FluentBundle("en", { useIsolating: false });
    override.addResource(new FluentResource(overrideSource(key, source)));
    for (const args of [{ name: "Ann", text: "hi", n: 1, role: "owner" }, { name: "Bo", text: "yo", n: 5, role: "cook" }]) {
      const expected = catalogue.formatPattern(catalogue.getMessage(key)?.value ?? "", args);
      assert.equal(override.formatPattern(override.getMessage(key)?.value ?? "", args), expected, key);
    }
  }
});

test("every shipped text, saved unchanged as an override, reads the same", () => {
  const catalogues = [...platformCatalogues(), ...allModules.flatMap((module) => module.catalogues ?? []), ...(textsFeature.catalogues ?? [])];
  const translator = new Translator(catalogues);
  for (const locale of SUPPORTED_LOCALES) {
    const keys = translator.keys(locale).filter((key) => !key.startsWith("-"));
    assert.ok(keys.length > 20);
    const sources = Object.fromEntries(keys.map((key) => [key, translator.source(locale, key) ?? ""]));
    translator.setOverrides("copy", { [locale]: sources });
    const variables = Object.values(sources).flatMap((source) => [...source.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((match) => match[1] ?? ""));
    const args = Object.fromEntries(variables.map((name) => [name, 2]));
    for (const key of keys) assert.equal(translator.translate("copy", locale, key, args), translator.translate(undefined, locale, key, args), `${locale} ${key}`);
  }
});
