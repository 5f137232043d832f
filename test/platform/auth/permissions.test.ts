import assert from "node:assert/strict";
import { test } from "node:test";
import { PLATFORM_PERMISSIONS, Permissions } from "../../../src/platform/auth/permissions.ts";

const permissions = new Permissions([PLATFORM_PERMISSIONS, { "booking.manage": ["admin"], "booking.own-day": ["master"] }]);

test("owners hold every permission, declared or not", () => {
  assert.equal(permissions.allows(["owner"], "backups.manage"), true);
  assert.equal(permissions.allows(["owner"], "nobody.declared.this"), true);
});

test("admins hold what the platform and modules give them, and not owners' permissions", () => {
  assert.equal(permissions.allows(["admin"], "people.manage"), true);
  assert.equal(permissions.allows(["admin"], "booking.manage"), true);
  assert.equal(permissions.allows(["admin"], "backups.manage"), false);
});

test("a module's role holds only its own permissions", () => {
  assert.deepEqual(permissions.of(["master"]), ["booking.own-day"]);
  assert.equal(permissions.allows([], "panel.view"), false);
});

test("role names come from every declaration, owner and admin first", () => {
  assert.deepEqual(permissions.roleNames(), ["owner", "admin", "master"]);
});
