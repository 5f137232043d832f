import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { monthCalendar, type MonthQuery } from "../../../../src/modules/booking/domain/month-calendar.ts";
import { TASHKENT, appointment, contextAt, haircut, hours, scheduleOf } from "./fixtures.ts";

// Anna works in Tashkent Monday to Friday 09:00-12:00; one-hour visits on the hour, so three a day.
// It is Wednesday 10 June, 08:30 local; an hour's notice; 14 days ahead, so the last day is 24 June.
const morning = [hours("09:00", "12:00")];
const anna = scheduleOf("anna", { weekly: { 1: morning, 2: morning, 3: morning, 4: morning, 5: morning } });
const boris = scheduleOf("boris", { weekly: { 1: morning, 6: [hours("10:00", "12:00")] } });
const service = haircut({ slotStepMin: 60 });
const occupancies = [
  appointment("anna", "2026-06-11T05:00:00Z", "2026-06-11T06:00:00Z"),
  appointment("anna", "2026-06-15T04:00:00Z", "2026-06-15T07:00:00Z"),
];

function june(masters: MonthQuery["masters"], now = "2026-06-10T03:30:00Z"): MonthQuery {
  const context = contextAt(now, TASHKENT, { occupancies, rules: { minNoticeMin: 60, horizonDays: 14 }, holidays: [{ from: "2026-06-12", to: "2026-06-12" }] });
  return { ...context, kind: "new", clientActiveBookings: 0, masters, month: "2026-06" };
}

function markers(query: MonthQuery): string[] {
  return monthCalendar(query).map((day) => `${day.date.slice(8)} ${day.load}`);
}

describe("the month calendar", () => {
  test("marks each day of one master free, busy, full or closed", () => {
    assert.deepEqual(markers(june([{ schedule: anna, service }])), [
      "01 closed", "02 closed", "03 closed", "04 closed", "05 closed", "06 closed", "07 closed", "08 closed", "09 closed",
      "10 free", // 09:00 is too soon now, but nothing is booked
      "11 busy", // 10:00 is booked
      "12 closed", // holiday
      "13 closed", "14 closed",
      "15 full", // booked from 09:00 to 12:00
      "16 free", "17 free", "18 free", "19 free",
      "20 closed", "21 closed",
      "22 free", "23 free", "24 free",
      "25 closed", "26 closed", "27 closed", "28 closed", "29 closed", "30 closed", // beyond the horizon
    ]);
  });

  test("for any master shows the best day any of them offers", () => {
    const any = markers(june([{ schedule: anna, service }, { schedule: boris, service }]));
    assert.deepEqual(
      ["10", "11", "12", "13", "15", "20", "22", "27"].map((day) => any.find((marker) => marker.startsWith(day))),
      ["10 free", "11 busy", "12 closed", "13 free", "15 free", "20 free", "22 free", "27 closed"],
    );
  });

  test("a day whose remaining times have all passed is full", () => {
    const lateMorning = markers(june([{ schedule: anna, service }], "2026-06-10T06:30:00Z"));
    assert.equal(lateMorning[9], "10 full");
  });

  test("a day on which the service fits in no working interval is closed", () => {
    const long = haircut({ durationMin: 240 });
    assert.deepEqual(markers(june([{ schedule: anna, service: long }])).slice(9, 12), ["10 closed", "11 closed", "12 closed"]);
  });
});
