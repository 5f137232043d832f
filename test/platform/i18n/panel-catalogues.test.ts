import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { FluentResource } from "@fluent/bundle";
import { PANEL_LOCALES, panelCataloguesIn } from "../../../src/platform/i18n/panel-catalogues.ts";

const ROOT = join(import.meta.dirname, "../../..");
const MODULES = join(ROOT, "src/modules");

/** Every folder with panel catalogues: the platform's and each module's that has panel pages. */
const folders = [
  join(ROOT, "src/platform/i18n/locales"),
  ...readdirSync(MODULES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(MODULES, entry.name, "locales")))
    .map((entry) => join(MODULES, entry.name, "locales"))
    .filter((dir) => panelCataloguesIn(dir).length > 0),
];

const idsOf = (ftl: string) => new FluentResource(ftl).body.map((entry) => entry.id);

function webSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return webSources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

test("the platform and the booking and access modules bring panel catalogues", () => {
  const names = folders.map((dir) => dir.slice(ROOT.length + 1));
  for (const expected of ["src/platform/i18n/locales", "src/modules/access/locales", "src/modules/booking/locales"]) assert.ok(names.includes(expected), expected);
});

test("every panel catalogue folder has one catalogue per panel language, and each has the same keys as the English", () => {
  for (const dir of folders) {
    const catalogues = panelCataloguesIn(dir);
    assert.deepEqual(catalogues.map((catalogue) => catalogue.locale), [...PANEL_LOCALES], dir);
    const english = idsOf(catalogues.find((catalogue) => catalogue.locale === "en")?.ftl ?? "").sort();
    assert.ok(english.length > 0, dir);
    for (const catalogue of catalogues) assert.deepEqual(idsOf(catalogue.ftl).sort(), english, `${dir} panel.${catalogue.locale}.ftl`);
  }
});

test("no panel key is defined twice, in one catalogue or across them", () => {
  const seen = new Map<string, string>();
  for (const dir of folders) {
    const ids = idsOf(panelCataloguesIn(dir).find((catalogue) => catalogue.locale === "en")?.ftl ?? "");
    for (const id of ids) {
      assert.ok(!seen.has(id), `${id} is in ${seen.get(id)} and ${dir}`);
      seen.set(id, dir);
    }
  }
});

test("every line of a panel catalogue parses (a broken line would be dropped silently)", () => {
  for (const dir of folders) {
    for (const catalogue of panelCataloguesIn(dir)) {
      const messages = catalogue.ftl.split("\n").filter((line) => /^[a-z][\w-]*\s*=/.test(line)).length;
      assert.equal(idsOf(catalogue.ftl).length, messages, `${dir} panel.${catalogue.locale}.ftl`);
    }
  }
});

test("every panel key the web code names exists in the panel catalogues", () => {
  const known = new Set(folders.flatMap((dir) => idsOf(panelCataloguesIn(dir).find((catalogue) => catalogue.locale === "en")?.ftl ?? "")));
  const used = new Map<string, string>();
  const patterns = [/\bt\(\s*"([a-z0-9-]+)"/g, /\btitle:\s*"([a-z0-9]+-[a-z0-9-]+)"/g, /\bKey:\s*"([a-z0-9]+-[a-z0-9-]+)"/g];
  for (const file of webSources(join(ROOT, "web/src/panel")).concat(join(ROOT, "web/src/ErrorBoundary.tsx"))) {
    const source = readFileSync(file, "utf8");
    for (const pattern of patterns) for (const match of source.matchAll(pattern)) used.set(match[1] ?? "", file);
  }
  assert.ok(used.size > 20, "the scan finds the keys in use");
  for (const [key, file] of used) assert.ok(known.has(key), `${key} (used in ${file}) is in no panel catalogue`);
});
