import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const root = join(import.meta.dirname, "../..");
const page = readFileSync(join(root, "docs/modules.md"), "utf8");
/** Every `<!-- quote: path -->` followed by a fenced block: the block must be in that file, verbatim. */
const quotes = [...page.matchAll(/<!-- quote: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)].map((match) => ({ path: match[1]!, code: match[2]! }));

test("docs/modules.md quotes the model module", () => {
  assert.ok(quotes.length >= 6, `found ${quotes.length} quotes`);
});

for (const { path, code } of quotes) {
  test(`its quote of ${path} is what the file says`, () => {
    assert.ok(readFileSync(join(root, path), "utf8").includes(code), `docs/modules.md quotes ${path}, which no longer holds:\n${code}`);
  });
}

test("the layout it names is the model module's", () => {
  for (const part of ["module.ts", "tables.ts", "permissions.ts", "callbacks.ts", "migrations", "locales", "domain", "queries", "commands", "effects", "events.ts", "hooks.ts", "dashboard.ts", "bot"]) {
    assert.ok(page.includes(`  ${part}`), `docs/modules.md names ${part}`);
    assert.ok(existsSync(join(root, "src/modules/feedback", part)), `feedback has ${part}`);
  }
});
