import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addDays,
  datesOfMonth,
  daysBetween,
  formatMinutes,
  instantToZoned,
  countryOfTimeZone,
  isKnownTimeZone,
  isPlainDate,
  weekdayOf,
  zonedBoundaryToInstant,
  zonedDateTimeToInstant,
  zonedDay,
} from "../../../src/platform/domain/zoned-time.ts";

const BERLIN = "Europe/Berlin";
const TASHKENT = "Asia/Tashkent";

/** Minutes since midnight for a wall-clock time: `at(9, 30)` is 570. */
const at = (hours: number, minutes = 0): number => hours * 60 + minutes;

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

describe("wall-clock time to an instant", () => {
  test("Tashkent is five hours ahead of UTC all year", () => {
    assert.equal(iso(zonedDateTimeToInstant("2026-01-15", at(9), TASHKENT)), "2026-01-15T04:00:00.000Z");
    assert.equal(iso(zonedDateTimeToInstant("2026-07-15", at(9), TASHKENT)), "2026-07-15T04:00:00.000Z");
  });

  test("Berlin is one hour ahead in winter and two in summer", () => {
    assert.equal(iso(zonedDateTimeToInstant("2026-01-15", at(9), BERLIN)), "2026-01-15T08:00:00.000Z");
    assert.equal(iso(zonedDateTimeToInstant("2026-07-15", at(9), BERLIN)), "2026-07-15T07:00:00.000Z");
  });

  test("a time the clocks skip when springing forward is no instant at all", () => {
    assert.equal(iso(zonedDateTimeToInstant("2026-03-29", at(1, 59), BERLIN)), "2026-03-29T00:59:00.000Z");
    assert.equal(zonedDateTimeToInstant("2026-03-29", at(2), BERLIN), null);
    assert.equal(zonedDateTimeToInstant("2026-03-29", at(2, 30), BERLIN), null);
    assert.equal(iso(zonedDateTimeToInstant("2026-03-29", at(3), BERLIN)), "2026-03-29T01:00:00.000Z");
  });

  test("a time that happens twice when falling back means its first occurrence, still on summer time", () => {
    assert.equal(iso(zonedDateTimeToInstant("2026-10-25", at(1, 30), BERLIN)), "2026-10-24T23:30:00.000Z");
    assert.equal(iso(zonedDateTimeToInstant("2026-10-25", at(2, 30), BERLIN)), "2026-10-25T00:30:00.000Z");
    assert.equal(iso(zonedDateTimeToInstant("2026-10-25", at(3), BERLIN)), "2026-10-25T02:00:00.000Z");
  });

  test("a working-hours boundary in the gap moves forward by the gap's length", () => {
    assert.equal(iso(zonedBoundaryToInstant("2026-03-29", at(2, 30), BERLIN)), "2026-03-29T01:30:00.000Z");
    assert.equal(iso(zonedBoundaryToInstant("2026-03-29", at(10), BERLIN)), "2026-03-29T08:00:00.000Z");
  });

  test("minute 1440 is midnight at the end of the day", () => {
    assert.equal(iso(zonedDateTimeToInstant("2026-12-31", 1440, TASHKENT)), "2026-12-31T19:00:00.000Z");
  });

  test("a day is 23 hours long when the clocks spring forward and 25 when they fall back", () => {
    const hoursOf = (day: { start: Date; end: Date }): number => (day.end.getTime() - day.start.getTime()) / 3_600_000;
    assert.equal(hoursOf(zonedDay("2026-03-29", BERLIN)), 23);
    assert.equal(hoursOf(zonedDay("2026-10-25", BERLIN)), 25);
    assert.equal(hoursOf(zonedDay("2026-10-25", TASHKENT)), 24);
  });
});

describe("an instant on the wall clock", () => {
  test("shows the local date, minutes and ISO weekday", () => {
    assert.deepEqual(instantToZoned(new Date("2026-06-14T20:30:00Z"), TASHKENT), { date: "2026-06-15", minutes: at(1, 30), weekday: 1 });
  });

  test("both instants of a repeated hour show the same wall time", () => {
    assert.deepEqual(instantToZoned(new Date("2026-10-25T00:30:00Z"), BERLIN), { date: "2026-10-25", minutes: at(2, 30), weekday: 7 });
    assert.deepEqual(instantToZoned(new Date("2026-10-25T01:30:00Z"), BERLIN), { date: "2026-10-25", minutes: at(2, 30), weekday: 7 });
  });

  test("drops seconds", () => {
    assert.equal(instantToZoned(new Date("2026-06-15T04:00:59.999Z"), TASHKENT).minutes, at(9));
  });
});

describe("plain dates", () => {
  test("add days across months, years and daylight-saving changes", () => {
    assert.equal(addDays("2026-03-28", 1), "2026-03-29");
    assert.equal(addDays("2026-03-29", 1), "2026-03-30");
    assert.equal(addDays("2026-12-31", 1), "2027-01-01");
    assert.equal(addDays("2026-03-01", -1), "2026-02-28");
    assert.equal(daysBetween("2026-06-15", "2026-08-14"), 60);
  });

  test("know their weekday, Monday being 1 and Sunday 7", () => {
    assert.equal(weekdayOf("2026-06-15"), 1);
    assert.equal(weekdayOf("2026-03-29"), 7);
  });

  test("list a month, leap February included", () => {
    assert.equal(datesOfMonth("2028-02").length, 29);
    assert.deepEqual(datesOfMonth("2026-02").slice(-2), ["2026-02-27", "2026-02-28"]);
  });

  test("are checked to be real days", () => {
    assert.equal(isPlainDate("2026-02-28"), true);
    assert.equal(isPlainDate("2026-02-30"), false);
    assert.equal(isPlainDate("2026-2-3"), false);
  });

  test("times of day print as HH:MM", () => {
    assert.deepEqual([formatMinutes(0), formatMinutes(at(9, 5)), formatMinutes(1440)], ["00:00", "09:05", "24:00"]);
  });

  test("unknown zones are recognised", () => {
    assert.equal(isKnownTimeZone("Asia/Tashkent"), true);
    assert.equal(isKnownTimeZone("Mars/Olympus"), false);
  });

  test("a zone names its country, old names included, and a zone of no country names none", () => {
    assert.deepEqual(
      ["Europe/Berlin", "Asia/Tashkent", "Europe/Kiev", "Europe/Kyiv", "UTC", "Etc/GMT+3", "toString"].map(countryOfTimeZone),
      ["DE", "UZ", "UA", "UA", undefined, undefined, undefined],
    );
  });
});
