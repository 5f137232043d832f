import assert from "node:assert/strict";
import { test } from "node:test";
import { grantableRoles, mayBlock, mayChangeRole } from "../../../../src/modules/access/domain/roles.ts";

const known = ["owner", "admin", "master"];

test("admins approve with any known role but owner", () => {
  assert.deepEqual(grantableRoles(known), ["admin", "master"]);
});

test("an admin grants and revokes the roles modules declare", () => {
  assert.deepEqual(mayChangeRole({ kind: "grant", role: "master", deciderRoles: ["admin"], knownRoles: known, owners: 1 }), { ok: true });
  assert.deepEqual(mayChangeRole({ kind: "revoke", role: "admin", deciderRoles: ["admin"], knownRoles: known, owners: 1 }), { ok: true });
});

test("a role nobody declared cannot be granted", () => {
  assert.deepEqual(mayChangeRole({ kind: "grant", role: "superuser", deciderRoles: ["owner"], knownRoles: known, owners: 1 }), { ok: false, reason: "unknown-role" });
});

test("only owners grant or revoke the owner role", () => {
  assert.deepEqual(mayChangeRole({ kind: "grant", role: "owner", deciderRoles: ["admin"], knownRoles: known, owners: 1 }), { ok: false, reason: "owners-only" });
  assert.deepEqual(mayChangeRole({ kind: "revoke", role: "owner", deciderRoles: ["admin"], knownRoles: known, owners: 2 }), { ok: false, reason: "owners-only" });
  assert.deepEqual(mayChangeRole({ kind: "grant", role: "owner", deciderRoles: ["owner"], knownRoles: known, owners: 1 }), { ok: true });
  assert.deepEqual(mayChangeRole({ kind: "revoke", role: "owner", deciderRoles: ["owner"], knownRoles: known, owners: 2 }), { ok: true });
});

test("the last owner keeps the owner role", () => {
  assert.deepEqual(mayChangeRole({ kind: "revoke", role: "owner", deciderRoles: ["owner"], knownRoles: known, owners: 1 }), { ok: false, reason: "last-owner" });
});

test("nobody blocks themselves, admins do not block owners, and the last owner is never blocked", () => {
  const base = { actorId: 1, targetId: 2, deciderRoles: ["admin"], targetRoles: ["master"], owners: 1 };
  assert.deepEqual(mayBlock(base), { ok: true });
  assert.deepEqual(mayBlock({ ...base, targetId: 1 }), { ok: false, reason: "self" });
  assert.deepEqual(mayBlock({ ...base, targetRoles: ["owner"], owners: 2 }), { ok: false, reason: "owners-only" });
  assert.deepEqual(mayBlock({ ...base, deciderRoles: ["owner"], targetRoles: ["owner"], owners: 2 }), { ok: true });
  assert.deepEqual(mayBlock({ ...base, deciderRoles: ["owner"], targetRoles: ["owner"], owners: 1 }), { ok: false, reason: "last-owner" });
});
