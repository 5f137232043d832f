import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const SRC = join(import.meta.dirname, "../../../src");

test("@sentry/node is imported only dynamically, so an app without SENTRY_DSN never loads it", () => {
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith(".ts"));
  const loading = files.filter((path) => /^import(?! type)[^;]*from "@sentry\//m.test(readFileSync(join(SRC, path), "utf8")));
  assert.deepEqual(loading, []);
  const dynamic = files.filter((path) => readFileSync(join(SRC, path), "utf8").includes('await import("@sentry/node")'));
  assert.deepEqual(dynamic, [join("platform", "errors", "error-tracking.ts")]);
});
