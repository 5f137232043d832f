import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { allModules } from "../../../src/modules/index.ts";
import { platformFeatures } from "../../../src/platform/features.ts";
import { platformCatalogues } from "../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../src/platform/i18n/translator.ts";

const translator = new Translator([...platformCatalogues(), ...[...platformFeatures, ...allModules].flatMap((module) => module.catalogues ?? [])]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Keys the code names: t("key"), translate(bot, locale, "key"), label/description/error: "some-key". */
function keysUsedInCode(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [
    /\bt\(\s*"([a-z0-9-]+)"/g,
    /\btranslate\([^)]*?,\s*"([a-z0-9-]+)"/g,
    /\b(?:label|description|error):\s*"([a-z0-9]+-[a-z0-9-]+)"/g,
  ];
  for (const file of sourceFiles(join(import.meta.dirname, "../../../src"))) {
    if (file.includes("/sandbox/")) continue;
    const source = readFileSync(file, "utf8");
    for (const pattern of patterns) {
      for (const match of source.matchAll(pattern)) used.set(match[1] ?? "", file);
    }
  }
  return used;
}

test("the English and Russian catalogues have the same keys", () => {
  assert.deepEqual(translator.keys("ru").sort(), translator.keys("en").sort());
});

test("every catalogue key the code uses exists in English and Russian", () => {
  const used = keysUsedInCode();
  assert.ok(used.size > 20, "the scan finds the keys in use");
  for (const [key, file] of used) {
    assert.ok(translator.has("en", key), `${key} (used in ${file}) is missing in en`);
    assert.ok(translator.has("ru", key), `${key} (used in ${file}) is missing in ru`);
  }
});

test("a bot's override replaces a text for that bot only", () => {
  const local = new Translator(platformCatalogues());
  local.setOverrides("salon", { en: { "button-expired": "Too late for that button." } });
  assert.equal(local.translate("salon", "en", "button-expired"), "Too late for that button.");
  assert.equal(local.translate("other", "en", "button-expired"), "This button has expired.");
  assert.equal(local.translate("salon", "ru", "button-expired"), "Эта кнопка устарела.");
});

test("a missing Russian text falls back to English, and a missing key shows itself", () => {
  const local = new Translator([{ locale: "en", ftl: "only-en = Only in English" }]);
  assert.equal(local.translate(undefined, "ru", "only-en"), "Only in English");
  assert.equal(local.translate(undefined, "en", "no-such-key"), "no-such-key");
});
