import assert from "node:assert/strict";
import { test } from "node:test";
import { decide, judgeApplication, REAPPLY_COOL_DOWN_MS } from "../../../../src/modules/access/domain/request.ts";

const now = new Date("2025-03-10T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

test("a pending request may be approved, rejected or postponed", () => {
  assert.deepEqual(decide("pending", "approve"), { ok: true, next: "approved" });
  assert.deepEqual(decide("pending", "reject"), { ok: true, next: "rejected" });
  assert.deepEqual(decide("pending", "postpone"), { ok: true, next: "postponed" });
});

test("a postponed request may still be approved or rejected, but not postponed again", () => {
  assert.deepEqual(decide("postponed", "approve"), { ok: true, next: "approved" });
  assert.deepEqual(decide("postponed", "reject"), { ok: true, next: "rejected" });
  assert.deepEqual(decide("postponed", "postpone"), { ok: false, reason: "already-postponed" });
});

test("an approved or rejected request takes no further decision", () => {
  for (const status of ["approved", "rejected"] as const) {
    for (const decision of ["approve", "reject", "postpone"] as const) {
      assert.deepEqual(decide(status, decision), { ok: false, reason: "already-decided" });
    }
  }
});

test("someone who never applied makes a new request", () => {
  assert.deepEqual(judgeApplication({ blocked: false, staff: false, latest: null }, now), { ok: true, kind: "new" });
});

test("applying while a request is pending or postponed updates it instead of making another", () => {
  for (const status of ["pending", "postponed"] as const) {
    assert.deepEqual(judgeApplication({ blocked: false, staff: false, latest: { status, decidedAt: null } }, now), { ok: true, kind: "update" });
  }
});

test("a rejected person waits out the cool-down, then may apply again", () => {
  const early = judgeApplication({ blocked: false, staff: false, latest: { status: "rejected", decidedAt: hoursAgo(23) } }, now);
  assert.deepEqual(early, { ok: false, reason: "cooling-down", mayReapplyAt: new Date(hoursAgo(23).getTime() + REAPPLY_COOL_DOWN_MS) });
  const later = judgeApplication({ blocked: false, staff: false, latest: { status: "rejected", decidedAt: hoursAgo(24) } }, now);
  assert.deepEqual(later, { ok: true, kind: "new" });
});

test("the cool-down can be set by the caller", () => {
  const standing = { blocked: false, staff: false, latest: { status: "rejected" as const, decidedAt: hoursAgo(2) } };
  assert.equal(judgeApplication(standing, now, 3600_000).ok, true);
  assert.equal(judgeApplication(standing, now, 3 * 3600_000).ok, false);
});

test("blocked people and staff cannot apply, whatever their history", () => {
  assert.deepEqual(judgeApplication({ blocked: true, staff: false, latest: null }, now), { ok: false, reason: "blocked" });
  assert.deepEqual(judgeApplication({ blocked: false, staff: true, latest: null }, now), { ok: false, reason: "already-staff" });
  assert.deepEqual(judgeApplication({ blocked: true, staff: false, latest: { status: "pending", decidedAt: null } }, now), { ok: false, reason: "blocked" });
});

test("someone approved once whose roles were all taken away may apply again", () => {
  assert.deepEqual(judgeApplication({ blocked: false, staff: false, latest: { status: "approved", decidedAt: hoursAgo(1) } }, now), { ok: true, kind: "new" });
});
