import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { timeOffHits, type HeldBooking, type MasterAtLocation, type TimeOff, type TimeOffQuery } from "../../../../src/modules/booking/domain/time-off.ts";
import { BERLIN, TASHKENT, appointment, contextAt, haircut, hours, scheduleOf } from "./fixtures.ts";

const EVERY_DAY = { 1: [hours("09:00", "18:00")], 2: [hours("09:00", "18:00")], 3: [hours("09:00", "18:00")], 4: [hours("09:00", "18:00")], 5: [hours("09:00", "18:00")], 6: [hours("09:00", "18:00")], 7: [hours("09:00", "18:00")] };
const EVENINGS = { 1: [hours("18:00", "24:00")], 2: [hours("18:00", "24:00")], 3: [hours("18:00", "24:00")], 4: [hours("18:00", "24:00")], 5: [hours("18:00", "24:00")], 6: [hours("18:00", "24:00")], 7: [hours("18:00", "24:00")] };

/** Anna and Boris cut hair, Clara does nails only; all work every day 09:00-18:00 unless told otherwise. */
function salon(weekly: MasterAtLocation["schedule"]["weekly"] = EVERY_DAY): MasterAtLocation[] {
  return [
    { schedule: scheduleOf("anna", { weekly }), services: [haircut()] },
    { schedule: scheduleOf("boris", { weekly }), services: [haircut({ durationMin: 45 })] },
    { schedule: scheduleOf("clara", { weekly }), services: [haircut({ id: "manicure" })] },
  ];
}

/** A one-hour haircut of `masterId` from `start` (UTC), without buffers. */
function visit(id: string, masterId: string, start: string, minutes = 60): HeldBooking {
  const from = new Date(start);
  const to = new Date(from.getTime() + minutes * 60_000);
  return { id, masterId, serviceId: "haircut", start: from, durationMin: minutes, occupied: { start: from, end: to } };
}

function query(now: string, timeZone: string, timeOff: TimeOff, parts: Partial<TimeOffQuery> = {}): TimeOffQuery {
  return { ...contextAt(now, timeZone), masters: salon(), bookings: [], timeOff, ...parts };
}

describe("which bookings a time off hits", () => {
  test("a block hits the master's bookings it overlaps, buffers included, and names the masters free to take each at the same time", () => {
    const bookings = [
      visit("1", "anna", "2026-06-15T08:00:00Z"), // 10:00-11:00 Berlin
      { ...visit("2", "anna", "2026-06-15T10:00:00Z"), occupied: { start: new Date("2026-06-15T10:00:00Z"), end: new Date("2026-06-15T11:15:00Z") } }, // 12:00-13:00, cleaning until 13:15
      visit("3", "anna", "2026-06-15T12:00:00Z"), // 14:00-15:00
      visit("4", "boris", "2026-06-15T08:30:00Z"),
    ];
    const occupancies = [appointment("boris", "2026-06-15T08:30:00Z", "2026-06-15T09:30:00Z")];
    const block: TimeOff = { kind: "block", masterId: "anna", range: { start: new Date("2026-06-15T09:00:00Z"), end: new Date("2026-06-15T11:30:00Z") } }; // 11:00-13:30
    const beforeIt = { ...block, range: { start: new Date("2026-06-15T07:00:00Z"), end: new Date("2026-06-15T08:30:00Z") } }; // 09:00-10:30
    assert.deepEqual(timeOffHits(query("2026-06-01T00:00:00Z", BERLIN, block, { bookings, occupancies })), [{ bookingId: "2", freeMasterIds: ["boris"] }]);
    assert.deepEqual(timeOffHits(query("2026-06-01T00:00:00Z", BERLIN, beforeIt, { bookings, occupancies })), [{ bookingId: "1", freeMasterIds: [] }], "Boris is busy 10:30-11:30 Berlin");
  });

  test("a holiday hits every master's bookings on its days, and nobody is free to take them", () => {
    const bookings = [visit("1", "anna", "2026-12-24T09:00:00Z"), visit("2", "boris", "2026-12-25T09:00:00Z"), visit("3", "boris", "2026-12-27T09:00:00Z")];
    const holiday: TimeOff = { kind: "holiday", days: { from: "2026-12-24", to: "2026-12-26" } };
    assert.deepEqual(timeOffHits(query("2026-12-01T00:00:00Z", BERLIN, holiday, { bookings })), [
      { bookingId: "1", freeMasterIds: [] },
      { bookingId: "2", freeMasterIds: [] },
    ]);
  });

  test("days off are the location's days: in Tashkent a visit at 02:00 on the 15th is on the 15th, though it is still the 14th in UTC", () => {
    const nights = { 1: [hours("01:00", "05:00")], 7: [hours("01:00", "05:00")] };
    const early = visit("1", "anna", "2026-06-14T21:00:00Z"); // Monday 15 June, 02:00 in Tashkent
    const masters = salon(nights);
    const on = (date: string): TimeOff => ({ kind: "days-off", masterId: "anna", days: { from: date, to: date } });
    assert.deepEqual(timeOffHits(query("2026-06-01T00:00:00Z", TASHKENT, on("2026-06-15"), { bookings: [early], masters })), [{ bookingId: "1", freeMasterIds: ["boris"] }]);
    assert.deepEqual(timeOffHits(query("2026-06-01T00:00:00Z", TASHKENT, on("2026-06-14"), { bookings: [early], masters })), []);
  });

  test("across the autumn clock change, a late visit on the 25-hour day belongs to that day, not the next", () => {
    // Sunday 25 October 2026: Berlin falls back to UTC+1, so 23:00 is 22:00 UTC (on summer time it would be 21:00).
    const late = visit("1", "anna", "2026-10-25T22:00:00Z");
    const masters = salon(EVENINGS);
    const on = (date: string): TimeOff => ({ kind: "days-off", masterId: "anna", days: { from: date, to: date } });
    assert.deepEqual(timeOffHits(query("2026-10-01T00:00:00Z", BERLIN, on("2026-10-25"), { bookings: [late], masters })), [{ bookingId: "1", freeMasterIds: ["boris"] }]);
    assert.deepEqual(timeOffHits(query("2026-10-01T00:00:00Z", BERLIN, on("2026-10-26"), { bookings: [late], masters })), []);
  });

  test("on the spring-forward day a shorter day's hours hit only what ends after its new end, on the summer clock", () => {
    // Sunday 29 March 2026: from 03:00 Berlin is UTC+2, so 10:00 is 08:00 UTC and 12:00 is 10:00 UTC.
    const bookings = [visit("1", "anna", "2026-03-29T08:00:00Z"), visit("2", "anna", "2026-03-29T10:00:00Z")];
    const shortDay: TimeOff = { kind: "day-hours", masterId: "anna", date: "2026-03-29", intervals: [hours("09:00", "12:00")] };
    assert.deepEqual(timeOffHits(query("2026-03-01T00:00:00Z", BERLIN, shortDay, { bookings })), [{ bookingId: "2", freeMasterIds: ["boris"] }]);
  });

  test("going back to the weekly hours hits the visits booked on a day that was opened specially", () => {
    const weekdays = { 1: [hours("09:00", "18:00")] };
    const masters = salon(weekdays).map((master) =>
      master.schedule.masterId === "anna" ? { ...master, schedule: { ...master.schedule, overrides: [{ date: "2026-06-14", intervals: [hours("10:00", "14:00")] }] } } : master,
    );
    const sunday = visit("1", "anna", "2026-06-14T09:00:00Z");
    const back: TimeOff = { kind: "day-hours", masterId: "anna", date: "2026-06-14", intervals: null };
    assert.deepEqual(timeOffHits(query("2026-06-01T00:00:00Z", BERLIN, back, { bookings: [sunday], masters })), [{ bookingId: "1", freeMasterIds: [] }]);
  });

  test("visits already over and other masters' visits are not hit", () => {
    const bookings = [visit("1", "anna", "2026-06-15T07:00:00Z"), visit("2", "boris", "2026-06-15T09:00:00Z")];
    const dayOff: TimeOff = { kind: "days-off", masterId: "anna", days: { from: "2026-06-15", to: "2026-06-15" } };
    assert.deepEqual(timeOffHits(query("2026-06-15T08:30:00Z", BERLIN, dayOff, { bookings })), []);
  });
});
