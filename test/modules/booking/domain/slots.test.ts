import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Occupancy } from "../../../../src/modules/booking/domain/occupancy.ts";
import { slotsForDay, type DayQuery } from "../../../../src/modules/booking/domain/slots.ts";
import { BERLIN, TASHKENT, appointment, contextAt, described, haircut, hours, scheduleOf } from "./fixtures.ts";

const client = { kind: "new", clientActiveBookings: 0 } as const;

function slotList(query: DayQuery): string[] {
  return slotsForDay(query).map(described);
}

describe("slots across daylight-saving changes in Berlin", () => {
  const anna = scheduleOf("anna", {
    weekly: { 6: [hours("01:00", "05:00"), hours("10:00", "12:00")], 7: [hours("01:00", "05:00"), hours("10:00", "12:00")] },
  });

  test("on a normal Saturday the night hours are four real hours", () => {
    const query = { ...contextAt("2026-03-20T12:00:00Z", BERLIN), ...client, schedule: anna, service: haircut(), date: "2026-03-28" };
    assert.deepEqual(slotList(query), [
      "01:00-02:00 2026-03-28T00:00:00.000Z",
      "01:30-02:30 2026-03-28T00:30:00.000Z",
      "02:00-03:00 2026-03-28T01:00:00.000Z",
      "02:30-03:30 2026-03-28T01:30:00.000Z",
      "03:00-04:00 2026-03-28T02:00:00.000Z",
      "03:30-04:30 2026-03-28T02:30:00.000Z",
      "04:00-05:00 2026-03-28T03:00:00.000Z",
      "10:00-11:00 2026-03-28T09:00:00.000Z",
      "10:30-11:30 2026-03-28T09:30:00.000Z",
      "11:00-12:00 2026-03-28T10:00:00.000Z",
    ]);
  });

  test("when the clocks spring forward 02:00 and 02:30 are not offered and a visit may run through the jump", () => {
    const query = { ...contextAt("2026-03-20T12:00:00Z", BERLIN), ...client, schedule: anna, service: haircut(), date: "2026-03-29" };
    assert.deepEqual(slotList(query), [
      "01:00-03:00 2026-03-29T00:00:00.000Z",
      "01:30-03:30 2026-03-29T00:30:00.000Z",
      "03:00-04:00 2026-03-29T01:00:00.000Z",
      "03:30-04:30 2026-03-29T01:30:00.000Z",
      "04:00-05:00 2026-03-29T02:00:00.000Z",
      "10:00-11:00 2026-03-29T08:00:00.000Z",
      "10:30-11:30 2026-03-29T08:30:00.000Z",
      "11:00-12:00 2026-03-29T09:00:00.000Z",
    ]);
  });

  test("when the clocks fall back the repeated hour is offered once, on summer time, and visits keep their real length", () => {
    const bob = scheduleOf("bob", { weekly: { 7: [hours("01:00", "04:00")] } });
    const query = { ...contextAt("2026-10-20T12:00:00Z", BERLIN), ...client, schedule: bob, service: haircut(), date: "2026-10-25" };
    assert.deepEqual(slotList(query), [
      "01:00-02:00 2026-10-24T23:00:00.000Z",
      "01:30-02:30 2026-10-24T23:30:00.000Z",
      "02:00-02:00 2026-10-25T00:00:00.000Z",
      "02:30-02:30 2026-10-25T00:30:00.000Z",
      "03:00-04:00 2026-10-25T02:00:00.000Z",
    ]);
  });
});

describe("slots in Tashkent (UTC+5, no daylight saving)", () => {
  const dilnoza = scheduleOf("dilnoza", { weekly: { 1: [hours("09:00", "13:00"), hours("14:00", "18:00")] } });
  const monday = { ...contextAt("2026-06-01T00:00:00Z", TASHKENT), ...client, schedule: dilnoza, date: "2026-06-15" };

  test("start at each interval's start and step by the service's slot step, with a lunch break", () => {
    assert.deepEqual(slotList({ ...monday, service: haircut() }), [
      "09:00-10:00 2026-06-15T04:00:00.000Z",
      "09:30-10:30 2026-06-15T04:30:00.000Z",
      "10:00-11:00 2026-06-15T05:00:00.000Z",
      "10:30-11:30 2026-06-15T05:30:00.000Z",
      "11:00-12:00 2026-06-15T06:00:00.000Z",
      "11:30-12:30 2026-06-15T06:30:00.000Z",
      "12:00-13:00 2026-06-15T07:00:00.000Z",
      "14:00-15:00 2026-06-15T09:00:00.000Z",
      "14:30-15:30 2026-06-15T09:30:00.000Z",
      "15:00-16:00 2026-06-15T10:00:00.000Z",
      "15:30-16:30 2026-06-15T10:30:00.000Z",
      "16:00-17:00 2026-06-15T11:00:00.000Z",
      "16:30-17:30 2026-06-15T11:30:00.000Z",
      "17:00-18:00 2026-06-15T12:00:00.000Z",
    ]);
  });

  test("a visit never spans the break: a 90-minute colouring ends by 13:00 or starts at 14:00", () => {
    const colouring = haircut({ id: "colouring", durationMin: 90 });
    assert.deepEqual(
      slotsForDay({ ...monday, service: colouring }).map((slot) => `${slot.time}-${slot.endTime}`),
      ["09:00-10:30", "09:30-11:00", "10:00-11:30", "10:30-12:00", "11:00-12:30", "11:30-13:00", "14:00-15:30", "14:30-16:00", "15:00-16:30", "15:30-17:00", "16:00-17:30", "16:30-18:00"],
    );
  });

  test("buffers on both sides must fit in working hours and keep clear of other bookings' buffers", () => {
    const long = scheduleOf("dilnoza", { weekly: { 1: [hours("09:00", "14:00")] } });
    const manicure = haircut({ id: "manicure", durationMin: 45, slotStepMin: 15, bufferBeforeMin: 10, bufferAfterMin: 15 });
    // A visit 10:30-10:50 with its own buffers occupies 10:20-11:05.
    const booked = appointment("dilnoza", "2026-06-15T05:20:00Z", "2026-06-15T06:05:00Z");
    const query = { ...contextAt("2026-06-01T00:00:00Z", TASHKENT, { occupancies: [booked] }), ...client, schedule: long, service: manicure };
    assert.deepEqual(slotList({ ...query, date: "2026-06-15" }), [
      "09:15-10:00 2026-06-15T04:15:00.000Z",
      "11:15-12:00 2026-06-15T06:15:00.000Z",
      "11:30-12:15 2026-06-15T06:30:00.000Z",
      "11:45-12:30 2026-06-15T06:45:00.000Z",
      "12:00-12:45 2026-06-15T07:00:00.000Z",
      "12:15-13:00 2026-06-15T07:15:00.000Z",
      "12:30-13:15 2026-06-15T07:30:00.000Z",
      "12:45-13:30 2026-06-15T07:45:00.000Z",
      "13:00-13:45 2026-06-15T08:00:00.000Z",
    ]);
  });

  test("other masters' bookings do not matter", () => {
    const elsewhere = appointment("someone-else", "2026-06-15T04:00:00Z", "2026-06-15T13:00:00Z");
    const query = { ...monday, ...contextAt("2026-06-01T00:00:00Z", TASHKENT, { occupancies: [elsewhere] }), service: haircut() };
    assert.equal(slotsForDay(query).length, 14);
  });

  test("a holiday leaves no slots", () => {
    const query = { ...monday, ...contextAt("2026-06-01T00:00:00Z", TASHKENT, { holidays: [{ from: "2026-06-15", to: "2026-06-15" }] }) };
    assert.deepEqual(slotsForDay({ ...query, service: haircut() }), []);
  });
});

describe("slots and time rules", () => {
  test("nothing starts sooner than the minimum notice", () => {
    const anna = scheduleOf("anna", { weekly: { 1: [hours("09:00", "12:00")] } });
    // 09:20 in Berlin; with an hour's notice the earliest start is 10:20.
    const query = { ...contextAt("2026-06-15T07:20:00Z", BERLIN, { rules: { minNoticeMin: 60 } }), ...client, schedule: anna };
    assert.deepEqual(slotList({ ...query, service: haircut(), date: "2026-06-15" }), [
      "10:30-11:30 2026-06-15T08:30:00.000Z",
      "11:00-12:00 2026-06-15T09:00:00.000Z",
    ]);
  });

  test("the horizon counts days from today in the location's zone, whole last day included", () => {
    const everyDay = scheduleOf("dilnoza", { weekly: { 1: [hours("09:00", "11:00")], 5: [hours("09:00", "11:00")], 6: [hours("09:00", "11:00")] } });
    // 20:00 UTC on 14 June is already 15 June in Tashkent, so 60 days ahead is 14 August.
    const query = { ...contextAt("2026-06-14T20:00:00Z", TASHKENT, { rules: { horizonDays: 60 } }), ...client, schedule: everyDay, service: haircut() };
    assert.deepEqual(slotList({ ...query, date: "2026-08-14" }), [
      "09:00-10:00 2026-08-14T04:00:00.000Z",
      "09:30-10:30 2026-08-14T04:30:00.000Z",
      "10:00-11:00 2026-08-14T05:00:00.000Z",
    ]);
    assert.deepEqual(slotList({ ...query, date: "2026-08-15" }), []);
  });
});

describe("class sessions", () => {
  const yoga = haircut({ id: "yoga", durationMin: 60, slotStepMin: 60, capacity: 3 });
  const teacher = scheduleOf("malika", { weekly: { 1: [hours("09:00", "12:00")] } });
  function session(start: string, end: string, seatsTaken: number): Occupancy {
    return { id: `session-${start}`, masterId: "malika", kind: "class", start: new Date(start), end: new Date(end), session: { serviceId: "yoga", start: new Date(start), seatsTaken, capacity: 3 } };
  }

  test("a session is offered while seats remain, and a new session offers every seat", () => {
    const occupancies = [session("2026-06-15T05:00:00Z", "2026-06-15T06:00:00Z", 2), session("2026-06-15T06:00:00Z", "2026-06-15T07:00:00Z", 3)];
    const query = { ...contextAt("2026-06-01T00:00:00Z", TASHKENT, { occupancies }), ...client, schedule: teacher, service: yoga, date: "2026-06-15" };
    assert.deepEqual(
      slotsForDay(query).map((slot) => [described(slot), slot.seatsFree]),
      [
        ["09:00-10:00 2026-06-15T04:00:00.000Z", 3],
        ["10:00-11:00 2026-06-15T05:00:00.000Z", 1],
      ],
    );
  });

  test("a session staff put off the grid is offered too, and blocks the grid times it overlaps", () => {
    const occupancies = [session("2026-06-15T04:20:00Z", "2026-06-15T05:20:00Z", 1)];
    const query = { ...contextAt("2026-06-01T00:00:00Z", TASHKENT, { occupancies }), ...client, schedule: teacher, service: yoga, date: "2026-06-15" };
    assert.deepEqual(
      slotsForDay(query).map((slot) => [described(slot), slot.seatsFree]),
      [
        ["09:20-10:20 2026-06-15T04:20:00.000Z", 2],
        ["11:00-12:00 2026-06-15T06:00:00.000Z", 3],
      ],
    );
  });
});
