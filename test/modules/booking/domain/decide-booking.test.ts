import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { zonedDay } from "../../../../src/platform/domain/zoned-time.ts";
import { decideBooking, type BookingRequest } from "../../../../src/modules/booking/domain/decide-booking.ts";
import type { Occupancy } from "../../../../src/modules/booking/domain/occupancy.ts";
import { slotsForDay, type DayQuery } from "../../../../src/modules/booking/domain/slots.ts";
import { BERLIN, TASHKENT, appointment, contextAt, haircut, hours, scheduleOf } from "./fixtures.ts";

// Dilnoza works in Tashkent on Mondays 09:00-13:00 and 14:00-18:00; it is 1 June, two weeks ahead.
const dilnoza = scheduleOf("dilnoza", { weekly: { 1: [hours("09:00", "13:00"), hours("14:00", "18:00")] } });
const booked = appointment("dilnoza", "2026-06-15T05:00:00Z", "2026-06-15T06:00:00Z", "booking-1"); // 10:00-11:00

function request(start: string, parts: Partial<BookingRequest> = {}): BookingRequest {
  return {
    ...contextAt("2026-06-01T00:00:00Z", TASHKENT, { occupancies: [booked] }),
    schedule: dilnoza,
    service: haircut(),
    kind: "new",
    clientActiveBookings: 0,
    start: new Date(start),
    ...parts,
  } as BookingRequest;
}

const reasonFor = (r: BookingRequest): string => {
  const decision = decideBooking(r);
  return decision.ok ? "ok" : decision.reason;
};

describe("deciding a new booking", () => {
  test("a free slot is accepted with the visit and the occupancy to write, buffers included", () => {
    const decision = decideBooking(request("2026-06-15T09:30:00Z", { service: haircut({ bufferBeforeMin: 10, bufferAfterMin: 15 }) }));
    assert.deepEqual(decision, {
      ok: true,
      visit: { start: new Date("2026-06-15T09:30:00Z"), end: new Date("2026-06-15T10:30:00Z") },
      occupancy: { masterId: "dilnoza", kind: "appointment", start: new Date("2026-06-15T09:20:00Z"), end: new Date("2026-06-15T10:45:00Z") },
      seatsFree: 1,
    });
  });

  test("each rule refuses with its own reason", () => {
    const allDayMonday = scheduleOf("dilnoza", { weekly: { 1: [hours("00:00", "24:00")] } });
    const cases: [string, BookingRequest][] = [
      ["service-inactive", request("2026-06-15T04:00:00Z", { service: haircut({ active: false }) })],
      ["in-the-past", request("2026-05-31T23:00:00Z", { schedule: allDayMonday })],
      ["too-soon", request("2026-06-01T00:30:00Z", { schedule: allDayMonday })],
      ["beyond-horizon", request("2026-08-03T04:00:00Z")],
      ["outside-hours", request("2026-06-15T03:00:00Z")],
      ["outside-hours", request("2026-06-15T07:30:00Z")],
      ["outside-hours", request("2026-06-16T04:00:00Z")],
      ["off-grid", request("2026-06-15T04:10:00Z")],
      ["taken", request("2026-06-15T05:30:00Z")],
      ["client-limit", request("2026-06-15T04:00:00Z", { clientActiveBookings: 3 })],
    ];
    assert.deepEqual(
      cases.map(([expected, r]) => [expected, reasonFor(r)]),
      cases.map(([expected]) => [expected, expected]),
    );
  });

  test("a client with one booking fewer than the limit may book", () => {
    assert.equal(reasonFor(request("2026-06-15T04:00:00Z", { clientActiveBookings: 2 })), "ok");
  });

  test("a visit's buffer may not reach into another booking, but a visit may end exactly where it begins", () => {
    assert.equal(reasonFor(request("2026-06-15T04:00:00Z", { service: haircut({ bufferAfterMin: 5 }) })), "taken");
    assert.equal(reasonFor(request("2026-06-15T04:00:00Z")), "ok");
    assert.equal(reasonFor(request("2026-06-15T06:00:00Z")), "ok");
  });

  test("the second occurrence of a repeated hour is not on the grid, but staff may book it", () => {
    const night = scheduleOf("anna", { weekly: { 7: [hours("01:00", "04:00")] } });
    const base = { ...contextAt("2026-10-20T12:00:00Z", BERLIN), schedule: night, service: haircut() };
    assert.equal(reasonFor({ ...base, kind: "new", clientActiveBookings: 0, start: new Date("2026-10-25T00:00:00Z") }), "ok");
    assert.equal(reasonFor({ ...base, kind: "new", clientActiveBookings: 0, start: new Date("2026-10-25T01:00:00Z") }), "off-grid");
    assert.equal(reasonFor({ ...base, kind: "admin", start: new Date("2026-10-25T01:00:00Z") }), "ok");
  });
});

describe("deciding a reschedule", () => {
  const move = { visitStart: new Date("2026-06-15T05:00:00Z"), occupancyId: "booking-1" };

  test("a booking may move onto part of its own old time", () => {
    assert.equal(reasonFor(request("2026-06-15T05:30:00Z", { kind: "reschedule", existing: move, rescheduleCount: 0 })), "ok");
  });

  test("a booking moved as often as allowed stays put", () => {
    assert.equal(reasonFor(request("2026-06-15T04:00:00Z", { kind: "reschedule", existing: move, rescheduleCount: 2 })), "too-many-reschedules");
  });

  test("inside the reschedule window the client can no longer move it", () => {
    const r = request("2026-06-15T09:00:00Z", { kind: "reschedule", existing: move, rescheduleCount: 0, now: new Date("2026-06-14T06:00:00Z") });
    assert.equal(reasonFor(r), "reschedule-window-closed");
  });
});

describe("deciding a staff edit", () => {
  test("staff may book past the notice, the horizon, the client limit and the grid", () => {
    const admin = { kind: "admin" } as const;
    const lateNow = { now: new Date("2026-06-15T03:59:00Z") };
    assert.equal(reasonFor(request("2026-06-15T04:00:00Z", { ...admin, ...lateNow })), "ok");
    assert.equal(reasonFor(request("2026-09-07T04:00:00Z", admin)), "ok");
    assert.equal(reasonFor(request("2026-06-15T09:10:00Z", admin)), "ok");
  });

  test("staff never book over another booking, outside hours or in the past", () => {
    const admin = { kind: "admin" } as const;
    assert.equal(reasonFor(request("2026-06-15T05:30:00Z", admin)), "taken");
    assert.equal(reasonFor(request("2026-06-15T03:00:00Z", admin)), "outside-hours");
    assert.equal(reasonFor(request("2026-05-25T04:00:00Z", admin)), "in-the-past");
  });

  test("staff moving a booking leave its own old time out of the overlap check", () => {
    const existing = { visitStart: new Date("2026-06-15T05:00:00Z"), occupancyId: "booking-1" };
    assert.equal(reasonFor(request("2026-06-15T05:15:00Z", { kind: "admin", existing })), "ok");
  });
});

describe("deciding a seat in a class", () => {
  const yoga = haircut({ id: "yoga", slotStepMin: 60, capacity: 3 });
  const session = (seatsTaken: number): Occupancy => ({
    id: "session-1",
    masterId: "dilnoza",
    kind: "class",
    start: new Date("2026-06-15T04:00:00Z"),
    end: new Date("2026-06-15T05:00:00Z"),
    session: { serviceId: "yoga", start: new Date("2026-06-15T04:00:00Z"), seatsTaken, capacity: 3 },
  });

  test("joining a session takes one more seat in the same occupancy", () => {
    const decision = decideBooking(request("2026-06-15T04:00:00Z", { service: yoga, occupancies: [session(2)] }));
    assert.deepEqual(decision, {
      ok: true,
      visit: { start: new Date("2026-06-15T04:00:00Z"), end: new Date("2026-06-15T05:00:00Z") },
      occupancy: { ...session(3) },
      seatsFree: 1,
    });
  });

  test("a full session refuses", () => {
    assert.equal(reasonFor(request("2026-06-15T04:00:00Z", { service: yoga, occupancies: [session(3)] })), "full");
  });

  test("the first client opens a new session with one seat taken", () => {
    const decision = decideBooking(request("2026-06-15T09:00:00Z", { service: yoga }));
    assert.ok(decision.ok);
    assert.deepEqual(decision.occupancy, {
      masterId: "dilnoza",
      kind: "class",
      start: new Date("2026-06-15T09:00:00Z"),
      end: new Date("2026-06-15T10:00:00Z"),
      session: { serviceId: "yoga", start: new Date("2026-06-15T09:00:00Z"), seatsTaken: 1, capacity: 3 },
    });
  });
});

describe("slot lists and decisions agree", () => {
  const days: { name: string; query: DayQuery }[] = [
    {
      name: "a Tashkent Monday with buffers, a break, a booking and notice",
      query: {
        ...contextAt("2026-06-15T05:10:00Z", TASHKENT, { occupancies: [booked], rules: { minNoticeMin: 90 } }),
        kind: "new",
        clientActiveBookings: 0,
        schedule: dilnoza,
        service: haircut({ durationMin: 40, slotStepMin: 15, bufferBeforeMin: 5, bufferAfterMin: 10 }),
        date: "2026-06-15",
      },
    },
    {
      name: "Berlin when the clocks spring forward",
      query: {
        ...contextAt("2026-03-20T12:00:00Z", BERLIN, { occupancies: [appointment("anna", "2026-03-29T01:30:00Z", "2026-03-29T02:10:00Z")] }),
        kind: "new",
        clientActiveBookings: 0,
        schedule: scheduleOf("anna", { weekly: { 7: [hours("00:30", "06:00"), hours("09:00", "18:00")] } }),
        service: haircut({ durationMin: 45, slotStepMin: 20, bufferAfterMin: 5 }),
        date: "2026-03-29",
      },
    },
    {
      name: "Berlin when the clocks fall back",
      query: {
        ...contextAt("2026-10-20T12:00:00Z", BERLIN, { occupancies: [appointment("anna", "2026-10-25T01:00:00Z", "2026-10-25T01:40:00Z")] }),
        kind: "new",
        clientActiveBookings: 0,
        schedule: scheduleOf("anna", { weekly: { 7: [hours("00:00", "05:00"), hours("13:00", "19:00")] } }),
        service: haircut({ durationMin: 30, slotStepMin: 15 }),
        date: "2026-10-25",
      },
    },
  ];

  for (const { name, query } of days) {
    test(`every offered slot is accepted and every other five-minute start is refused: ${name}`, () => {
      const offered = slotsForDay(query);
      assert.ok(offered.length > 0);
      for (const slot of offered) assert.equal(reasonFor({ ...query, start: slot.start }), "ok", slot.start.toISOString());
      const offeredTimes = new Set(offered.map((slot) => slot.start.getTime()));
      const day = zonedDay(query.date, query.timeZone);
      for (let t = day.start.getTime(); t < day.end.getTime(); t += 5 * 60_000) {
        if (!offeredTimes.has(t)) assert.notEqual(reasonFor({ ...query, start: new Date(t) }), "ok", new Date(t).toISOString());
      }
    });
  }
});
