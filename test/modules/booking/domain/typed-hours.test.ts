import assert from "node:assert/strict";
import { test } from "node:test";
import { intervalsFromTyped } from "../../../../src/modules/booking/domain/typed-hours.ts";

test("a typed day with a break is two intervals in minutes after midnight", () => {
  assert.deepEqual(intervalsFromTyped("09:00-13:00 14:00-19:00"), [{ start: 540, end: 780 }, { start: 840, end: 1140 }]);
  assert.deepEqual(intervalsFromTyped(" 9:30–12:00, 13:00-24:00 "), [{ start: 570, end: 720 }, { start: 780, end: 1440 }]);
});

test("off (or выходной) is a day off", () => {
  assert.deepEqual(intervalsFromTyped("Off"), []);
  assert.deepEqual(intervalsFromTyped("выходной"), []);
});

test("anything else is not hours", () => {
  for (const typed of ["", "nine to five", "09:00", "25:00-26:00", "09:00-13:00-14:00", "09-13"]) assert.equal(intervalsFromTyped(typed), undefined, typed);
});
