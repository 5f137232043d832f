import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_BOOKING_RULES, checkReminderOffsets, checkRules, rulesForService } from "../../../../src/modules/booking/domain/rules.ts";

describe("booking rules", () => {
  test("start at an hour's notice, 60 days ahead, 24 hours to cancel or move, two moves and three bookings", () => {
    assert.deepEqual(DEFAULT_BOOKING_RULES, {
      minNoticeMin: 60,
      horizonDays: 60,
      cancelWindowMin: 1440,
      rescheduleWindowMin: 1440,
      maxReschedules: 2,
      maxActivePerClient: 3,
    });
  });

  test("a service's overrides replace only the rules they name", () => {
    const merged = rulesForService(DEFAULT_BOOKING_RULES, { minNoticeMin: 24 * 60, horizonDays: undefined, maxActivePerClient: 1 });
    assert.deepEqual(merged, { ...DEFAULT_BOOKING_RULES, minNoticeMin: 1440, maxActivePerClient: 1 });
    assert.equal(rulesForService(DEFAULT_BOOKING_RULES, undefined), DEFAULT_BOOKING_RULES);
  });

  test("are whole numbers, a horizon of at least a day and room for at least one booking", () => {
    assert.deepEqual(checkRules({ horizonDays: 0, maxActivePerClient: 0, minNoticeMin: 1.5, cancelWindowMin: -1, maxReschedules: 0 }), {
      ok: false,
      problems: [
        { problem: "invalid", rule: "minNoticeMin" },
        { problem: "invalid", rule: "horizonDays" },
        { problem: "invalid", rule: "cancelWindowMin" },
        { problem: "invalid", rule: "maxActivePerClient" },
      ],
    });
    assert.deepEqual(checkRules(DEFAULT_BOOKING_RULES), { ok: true });
  });
});

describe("reminder offsets", () => {
  test("are up to five different whole minutes from 1 to 30 days before the visit, or none", () => {
    assert.deepEqual(checkReminderOffsets([1440, 120]), { ok: true });
    assert.deepEqual(checkReminderOffsets([]), { ok: true });
    for (const bad of [[0], [60, 60], [1.5], [43_201], [1, 2, 3, 4, 5, 6]]) {
      assert.deepEqual(checkReminderOffsets(bad), { ok: false, problems: ["reminders-invalid"] }, String(bad));
    }
  });
});
