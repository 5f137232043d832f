import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blockedBy, bookedMinutes, conflictsFor, overlaps, visitAt } from "../../../../src/modules/booking/domain/occupancy.ts";
import { appointment, haircut } from "./fixtures.ts";

const range = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

describe("occupancy", () => {
  test("ranges that only touch do not overlap; ranges sharing a minute do", () => {
    const ten = range("2026-06-15T10:00:00Z", "2026-06-15T11:00:00Z");
    assert.equal(overlaps(ten, range("2026-06-15T11:00:00Z", "2026-06-15T12:00:00Z")), false);
    assert.equal(overlaps(ten, range("2026-06-15T09:00:00Z", "2026-06-15T10:00:00Z")), false);
    assert.equal(overlaps(ten, range("2026-06-15T10:59:00Z", "2026-06-15T12:00:00Z")), true);
    assert.equal(overlaps(ten, range("2026-06-15T10:15:00Z", "2026-06-15T10:30:00Z")), true);
  });

  test("a visit blocks the master's time from its buffer before to its buffer after", () => {
    const start = new Date("2026-06-15T10:00:00Z");
    const service = haircut({ durationMin: 45, bufferBeforeMin: 10, bufferAfterMin: 15 });
    assert.deepEqual(visitAt(start, service), range("2026-06-15T10:00:00Z", "2026-06-15T10:45:00Z"));
    assert.deepEqual(blockedBy(start, service), range("2026-06-15T09:50:00Z", "2026-06-15T11:00:00Z"));
  });

  test("conflicts are the same master's only, minus the booking being moved", () => {
    const mine = appointment("anna", "2026-06-15T10:00:00Z", "2026-06-15T11:00:00Z", "a1");
    const theirs = appointment("boris", "2026-06-15T10:00:00Z", "2026-06-15T11:00:00Z", "b1");
    const wanted = range("2026-06-15T10:30:00Z", "2026-06-15T11:30:00Z");
    assert.deepEqual(conflictsFor(wanted, "anna", [mine, theirs]), [mine]);
    assert.deepEqual(conflictsFor(wanted, "anna", [mine, theirs], "a1"), []);
  });

  test("booked minutes count only the part inside the range", () => {
    const occupancies = [
      appointment("anna", "2026-06-14T23:30:00Z", "2026-06-15T00:30:00Z"),
      appointment("anna", "2026-06-15T10:00:00Z", "2026-06-15T11:15:00Z"),
      appointment("boris", "2026-06-15T10:00:00Z", "2026-06-15T11:00:00Z"),
    ];
    assert.equal(bookedMinutes(range("2026-06-15T00:00:00Z", "2026-06-16T00:00:00Z"), "anna", occupancies), 105);
  });
});
