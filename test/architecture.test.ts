/**
 * The import rules of docs/modules.md hold over src/; each rule is first shown to catch a planted
 * violation in a small tree of its own, so a rule that stopped working would fail here too.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { boundaryViolations } from "./support/boundaries.ts";
import { importGraph } from "./support/import-graph.ts";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A tree of files (path -> source) in a temporary directory, and the rules broken in it. */
function violationsIn(files: Record<string, string>): string[] {
  const root = mkdtempSync(join(tmpdir(), "botyard-architecture-"));
  roots.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return boundaryViolations(importGraph(root)).map((violation) => `${violation.rule}: ${violation.at}`);
}

/** A small tree that keeps every rule, into which each test plants one violation. */
const clean: Record<string, string> = {
  "src/platform/domain/money.ts": "export const cents = 100;\n",
  "src/platform/module.ts": 'import type { Kysely } from "kysely";\nexport type Db = Kysely<object>;\n',
  "src/modules/shop/domain/price.ts": 'import { cents } from "../../../platform/domain/money.ts";\nimport { parsePhoneNumber } from "libphonenumber-js";\nexport const price = cents;\nexport const phone = parsePhoneNumber;\n',
  "src/modules/shop/commands/buy.ts": 'import { sql } from "kysely";\nimport { price } from "../domain/price.ts";\nexport const buy = () => sql`select ${price}`;\n',
  "src/modules/shop/bot/buy.ts": 'import type { Transaction } from "kysely";\nimport { buy } from "../commands/buy.ts";\nexport type T = Transaction<object>;\nexport const handler = buy;\n',
  "src/modules/index.ts": 'import { buy } from "./shop/commands/buy.ts";\nexport const all = [buy];\n',
  "src/main.ts": 'import { all } from "./modules/index.ts";\nexport const app = all;\n',
};

describe("the import rules", () => {
  test("a tree that keeps them has no violation", () => {
    assert.deepEqual(violationsIn(clean), []);
  });

  test("a module importing another module is caught", () => {
    const found = violationsIn({ ...clean, "src/modules/blog/commands/post.ts": 'import { buy } from "../../shop/commands/buy.ts";\nexport const post = buy;\n' });
    assert.deepEqual(found, ["modules never import each other: src/modules/blog/commands/post.ts imports ../../shop/commands/buy.ts"]);
  });

  test("the platform importing a module or the composition root is caught, types included", () => {
    const found = violationsIn({
      ...clean,
      "src/platform/menu.ts": 'import type { buy } from "../modules/shop/commands/buy.ts";\nimport { app } from "../main.ts";\nexport type B = typeof buy;\nexport const a = app;\n',
    });
    assert.deepEqual(found, [
      "the platform never imports a module or the composition root: src/platform/menu.ts imports ../modules/shop/commands/buy.ts",
      "the platform never imports a module or the composition root: src/platform/menu.ts imports ../main.ts",
    ]);
  });

  test("a module's domain/ reaching outside itself and the platform's domain/ is caught", () => {
    const found = violationsIn({
      ...clean,
      "src/modules/shop/domain/stock.ts": 'import { readFileSync } from "node:fs";\nimport type { Db } from "../../../platform/module.ts";\nimport { buy } from "../commands/buy.ts";\nexport const s = [readFileSync, buy];\nexport type D = Db;\n',
    });
    assert.deepEqual(found, [
      "a module's domain/ imports only itself and src/platform/domain/: src/modules/shop/domain/stock.ts imports node:fs",
      "a module's domain/ imports only itself and src/platform/domain/: src/modules/shop/domain/stock.ts imports ../../../platform/module.ts",
      "a module's domain/ imports only itself and src/platform/domain/: src/modules/shop/domain/stock.ts imports ../commands/buy.ts",
    ]);
  });

  test("the platform's domain/ reaching outside itself is caught", () => {
    const found = violationsIn({ ...clean, "src/platform/domain/clock.ts": 'import type { Db } from "../module.ts";\nexport type D = Db;\n' });
    assert.deepEqual(found, ["src/platform/domain/ imports only itself: src/platform/domain/clock.ts imports ../module.ts"]);
  });

  test("a module making its own LLM client is caught; the client's types are not", () => {
    const found = violationsIn({
      ...clean,
      "src/platform/llm/llm-client.ts": "export type ModuleLlm = object;\nexport const createLlm = () => ({});\n",
      "src/modules/shop/bot/ask.ts": 'import { createLlm } from "../../../platform/llm/llm-client.ts";\nexport const llm = createLlm();\n',
      "src/modules/shop/jobs.ts": 'import type { ModuleLlm } from "../../platform/llm/llm-client.ts";\nexport type L = ModuleLlm;\n',
    });
    assert.deepEqual(found, ["a module calls the LLM only from its jobs' context: src/modules/shop/bot/ask.ts imports ../../../platform/llm/llm-client.ts"]);
  });

  test("a Kysely value in bot/ or api/ is caught, a type is not", () => {
    const found = violationsIn({ ...clean, "src/modules/shop/api/orders.ts": 'import { sql, type Kysely } from "kysely";\nexport const q = sql`select 1`;\nexport type K = Kysely<object>;\n' });
    assert.deepEqual(found, ["a module's bot/ and api/ import no Kysely values: src/modules/shop/api/orders.ts imports kysely"]);
  });

  test("a run-time cycle is caught, a cycle through a type-only import is not", () => {
    const found = violationsIn({
      ...clean,
      "src/platform/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
      "src/platform/b.ts": 'import { a } from "./a.ts";\nimport type { C } from "./c.ts";\nexport const b = () => a;\nexport type B = C;\n',
      "src/platform/c.ts": 'import { b } from "./b.ts";\nexport const c = b;\nexport type C = number;\n',
    });
    assert.deepEqual(found, ["no run-time import cycle: src/platform/a.ts -> src/platform/b.ts -> src/platform/a.ts"]);
  });

  test("a dynamic import counts as a run-time edge", () => {
    const found = violationsIn({
      ...clean,
      "src/platform/a.ts": 'export const a = () => import("./b.ts");\n',
      "src/platform/b.ts": 'import { a } from "./a.ts";\nexport const b = a;\n',
    });
    assert.deepEqual(found, ["no run-time import cycle: src/platform/a.ts -> src/platform/b.ts -> src/platform/a.ts"]);
  });
});

test("src/ keeps every import rule", () => {
  assert.deepEqual(boundaryViolations(importGraph(join(import.meta.dirname, ".."))), []);
});
