import assert from "node:assert/strict";
import { test } from "node:test";
import { defineModule } from "../../../src/platform/module.ts";
import { modulesEnabledIn } from "../../../src/platform/settings/enabled-modules.ts";

const salon = defineModule({ name: "salon" });
const desk = defineModule({ name: "desk", optIn: true });
const names = (enabled: readonly string[] | null) => modulesEnabledIn(enabled, [salon, desk]).map((module) => module.name);

test("settings that name no modules enable every module but the opt-in ones", () => {
  assert.deepEqual(names(null), ["salon"]);
});

test("settings that name modules enable exactly those, opt-in ones included", () => {
  assert.deepEqual(names(["desk"]), ["desk"]);
  assert.deepEqual(names(["salon", "desk"]), ["salon", "desk"]);
  assert.deepEqual(names([]), []);
});
