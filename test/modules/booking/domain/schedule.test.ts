import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkHolidays, checkSchedule, checkWeeklyHours, workingHoursOn } from "../../../../src/modules/booking/domain/schedule.ts";
import { hours, scheduleOf } from "./fixtures.ts";

// Monday 15 June 2026.
const anna = scheduleOf("anna", {
  weekly: { 1: [hours("09:00", "13:00"), hours("14:00", "18:00")] },
  daysOff: [{ from: "2026-06-22", to: "2026-07-05" }],
  overrides: [
    { date: "2026-06-29", intervals: [hours("10:00", "12:00")] },
    { date: "2026-06-15", intervals: [] },
    { date: "2026-06-16", intervals: [hours("12:00", "16:00")] },
    { date: "2026-07-13", intervals: [hours("10:00", "11:00")] },
  ],
});

describe("working hours on a date", () => {
  test("follow the weekly hours, breaks included, and are empty on weekdays not listed", () => {
    assert.deepEqual(workingHoursOn(anna, [], "2026-06-08"), [hours("09:00", "13:00"), hours("14:00", "18:00")]);
    assert.deepEqual(workingHoursOn(anna, [], "2026-06-09"), []);
  });

  test("an override closes a working day or opens a day off with its own hours", () => {
    assert.deepEqual(workingHoursOn(anna, [], "2026-06-15"), []);
    assert.deepEqual(workingHoursOn(anna, [], "2026-06-16"), [hours("12:00", "16:00")]);
  });

  test("a vacation closes every day in it, both ends included, unless a date is overridden", () => {
    assert.deepEqual(
      ["2026-06-22", "2026-06-29", "2026-07-06"].map((date) => workingHoursOn(anna, [], date)),
      [[], [hours("10:00", "12:00")], [hours("09:00", "13:00"), hours("14:00", "18:00")]],
    );
  });

  test("a business-wide holiday closes the day whatever the master's own hours", () => {
    assert.deepEqual(workingHoursOn(anna, [{ from: "2026-07-13", to: "2026-07-13" }], "2026-07-13"), []);
  });
});

describe("checking a schedule", () => {
  test("a sound schedule passes", () => {
    assert.deepEqual(checkSchedule(anna), { ok: true });
  });

  test("names each weekday or date with a problem", () => {
    const broken = scheduleOf("anna", {
      weekly: { 1: [hours("09:00", "13:00"), hours("12:00", "18:00")], 2: [hours("18:00", "09:00")], 3: [{ start: 0, end: 1500 }] },
      daysOff: [{ from: "2026-07-05", to: "2026-06-22" }],
      overrides: [{ date: "2026-02-30", intervals: [] }],
    });
    assert.deepEqual(checkSchedule(broken), {
      ok: false,
      problems: [
        { problem: "intervals-overlap", day: 1 },
        { problem: "interval-invalid", day: 2 },
        { problem: "interval-invalid", day: 3 },
        { problem: "range-reversed", day: "2026-07-05" },
        { problem: "date-invalid", day: "2026-02-30" },
      ],
    });
  });

  test("holidays are date ranges in order", () => {
    assert.deepEqual(checkHolidays([{ from: "2026-12-31", to: "2027-01-02" }]), { ok: true });
    assert.deepEqual(checkHolidays([{ from: "2026-13-01", to: "2026-12-01" }]), { ok: false, problems: [{ problem: "date-invalid", day: "2026-13-01" }] });
  });
});

describe("a master's week as admins set it", () => {
  test("may have several intervals a day, breaks between them, and days left out", () => {
    assert.deepEqual(checkWeeklyHours({ 1: [hours("09:00", "13:00"), hours("14:00", "18:00")], 6: [hours("10:00", "24:00")] }), { ok: true });
    assert.deepEqual(checkWeeklyHours({}), { ok: true });
  });

  test("refuses overlapping intervals, intervals outside the day and weekdays that do not exist, naming the day", () => {
    assert.deepEqual(checkWeeklyHours({ 2: [hours("09:00", "13:00"), hours("12:00", "15:00")], 3: [{ start: 600, end: 600 }], 4: [{ start: -5, end: 60 }], 8: [] }), {
      ok: false,
      problems: [
        { problem: "intervals-overlap", day: 2 },
        { problem: "interval-invalid", day: 3 },
        { problem: "interval-invalid", day: 4 },
        { problem: "weekday-invalid", day: "8" },
      ],
    });
    assert.equal(checkWeeklyHours({ 5: [{ start: 1000, end: 1441 }] }).ok, false);
    assert.equal(checkWeeklyHours({ 5: [{ start: 60.5, end: 120 }] }).ok, false);
  });
});
