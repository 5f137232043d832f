import assert from "node:assert/strict";
import { test } from "node:test";
import { PLATFORM_PERMISSIONS, Permissions, type Permission } from "../../../src/platform/auth/permissions.ts";

const permissions = new Permissions([PLATFORM_PERMISSIONS, { "booking.manage": ["admin"], "booking.own-day": ["master"] }]);

test("owners hold every permission, declared or not", () => {
  assert.equal(permissions.allows(["owner"], "backups.manage"), true);
  assert.equal(permissions.allows(["owner"], "nobody.declared.this" as Permission), true);
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

test("roles by privilege put the one with the fewest permissions first and owner last", () => {
  assert.deepEqual(permissions.roleNamesByPrivilege(), ["master", "admin", "owner"]);
});

test("a role declared by two modules is refused with its name and both modules", () => {
  assert.throws(
    () => Permissions.declaredBy([{ by: "booking", roles: ["master"] }, { by: "dispatch", roles: ["master"] }]),
    /Role "master" is declared by both booking and dispatch/,
  );
});

test("a module may not redeclare a platform role, nor grant its permission to another module's role", () => {
  assert.throws(() => Permissions.declaredBy([{ by: "helpdesk", roles: ["admin"] }]), /Role "admin" is declared by both platform and helpdesk/);
  assert.throws(
    () => Permissions.declaredBy([{ by: "booking", roles: ["master"] }, { by: "helpdesk", permissions: { "helpdesk.answer": ["master"] } }]),
    /helpdesk grants "helpdesk.answer" to role "master", which it does not declare/,
  );
});

test("declared roles and permissions are what the app knows", () => {
  const declared = Permissions.declaredBy([{ by: "platform", permissions: PLATFORM_PERMISSIONS }, { by: "booking", roles: ["master"], permissions: { "booking.own-day": ["master"] } }]);
  assert.deepEqual(declared.roleNames(), ["owner", "admin", "master"]);
  assert.deepEqual(declared.holdersOf("booking.own-day"), ["owner", "master"]);
});
