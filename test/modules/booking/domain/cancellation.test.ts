import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { instantToZoned, zonedDateTimeToInstant } from "../../../../src/platform/domain/zoned-time.ts";
import { deadlineBefore, mayClientCancel, mayClientReschedule } from "../../../../src/modules/booking/domain/cancellation.ts";
import { DEFAULT_BOOKING_RULES } from "../../../../src/modules/booking/domain/rules.ts";
import { BERLIN, at } from "./fixtures.ts";

const rules = DEFAULT_BOOKING_RULES;
const cancelAt = (now: string, visitStart: Date): boolean => mayClientCancel({ now: new Date(now), visitStart, rules }).ok;

describe("the cancel window", () => {
  test("24 hours before a visit the day the clocks spring forward is 11:00 the day before, not 12:00", () => {
    const visit = zonedDateTimeToInstant("2026-03-29", at(12), BERLIN);
    assert.ok(visit);
    assert.equal(visit.toISOString(), "2026-03-29T10:00:00.000Z");
    assert.deepEqual(instantToZoned(deadlineBefore(visit, 24 * 60), BERLIN), { date: "2026-03-28", minutes: at(11), weekday: 6 });
    assert.equal(cancelAt("2026-03-28T10:00:00Z", visit), true); // 11:00 on Saturday: exactly 24 h
    assert.equal(cancelAt("2026-03-28T10:30:00Z", visit), false); // 11:30: a wall-clock rule would still allow it
  });

  test("24 hours before a visit the day the clocks fall back is 13:00 the day before", () => {
    const visit = zonedDateTimeToInstant("2026-10-25", at(12), BERLIN);
    assert.ok(visit);
    assert.deepEqual(instantToZoned(deadlineBefore(visit, 24 * 60), BERLIN), { date: "2026-10-24", minutes: at(13), weekday: 6 });
    assert.equal(cancelAt("2026-10-24T10:30:00Z", visit), true); // 12:30 on Saturday: a wall-clock rule would refuse
    assert.equal(cancelAt("2026-10-24T11:30:00Z", visit), false);
  });

  test("a zero window lets a client cancel until the visit starts", () => {
    const visitStart = new Date("2026-06-15T04:00:00Z");
    const noWindow = { ...rules, cancelWindowMin: 0 };
    assert.equal(mayClientCancel({ now: new Date("2026-06-15T03:59:00Z"), visitStart, rules: noWindow }).ok, true);
    assert.deepEqual(mayClientCancel({ now: visitStart, visitStart, rules: noWindow }), { ok: false, reason: "cancel-window-closed" });
  });
});

describe("the reschedule window", () => {
  const visitStart = new Date("2026-06-15T04:00:00Z");

  test("a client may move a booking until 24 hours before, as often as the rules allow", () => {
    assert.deepEqual(mayClientReschedule({ now: new Date("2026-06-14T04:00:00Z"), visitStart, rules, rescheduleCount: 1 }), { ok: true });
    assert.deepEqual(mayClientReschedule({ now: new Date("2026-06-14T04:01:00Z"), visitStart, rules, rescheduleCount: 1 }), {
      ok: false,
      reason: "reschedule-window-closed",
    });
  });

  test("the move limit is reported first, since waiting never lifts it", () => {
    assert.deepEqual(mayClientReschedule({ now: new Date("2026-06-15T03:00:00Z"), visitStart, rules, rescheduleCount: 2 }), {
      ok: false,
      reason: "too-many-reschedules",
    });
  });
});
