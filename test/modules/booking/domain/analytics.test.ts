import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyticsOf, type AnalyticsBooking, type AnalyticsInput } from "../../../../src/modules/booking/domain/analytics.ts";
import { BERLIN, TASHKENT, hours } from "./fixtures.ts";

const ANNA = 1;
const BO = 2;
const CLARA = 3;
const MITTE = 10;
const CHILANZAR = 20;
const HAIRCUT = 100;
const COLOURING = 200;

function berlin(day: string, time: string): Date {
  return new Date(`2026-03-${day}T${time}:00+01:00`);
}
function tashkent(day: string, time: string): Date {
  return new Date(`2026-03-${day}T${time}:00+05:00`);
}

function visit(values: Partial<AnalyticsBooking> & Pick<AnalyticsBooking, "status" | "masterId" | "serviceId" | "clientId" | "startsAt">): AnalyticsBooking {
  const atMitte = values.masterId !== BO;
  return {
    cancelledBy: null,
    priceMinor: values.serviceId === HAIRCUT ? 3000 : 8000,
    currency: "EUR",
    durationMin: values.serviceId === HAIRCUT ? 60 : 90,
    locationId: atMitte ? MITTE : CHILANZAR,
    timeZone: atMitte ? BERLIN : TASHKENT,
    ...values,
  };
}

/**
 * A week (Mon 2 - Sun 8 March 2026) of two salons: Anna in Berlin works Mon-Fri 09:00-17:00 and
 * Saturday 10:00-14:00 by an override; Bo in Tashkent works Mon-Sat 10:00-14:00 and is off Tue-Wed;
 * Friday is a holiday for both. Clara (Berlin) has no hours and no bookings.
 */
const week: AnalyticsInput = {
  period: { from: "2026-03-02", to: "2026-03-08" },
  masters: [
    {
      masterId: ANNA,
      locationId: MITTE,
      schedule: {
        masterId: "1",
        weekly: { 1: [hours("09:00", "17:00")], 2: [hours("09:00", "17:00")], 3: [hours("09:00", "17:00")], 4: [hours("09:00", "17:00")], 5: [hours("09:00", "17:00")] },
        daysOff: [],
        overrides: [{ date: "2026-03-07", intervals: [hours("10:00", "14:00")] }],
      },
    },
    {
      masterId: BO,
      locationId: CHILANZAR,
      schedule: {
        masterId: "2",
        weekly: Object.fromEntries(([1, 2, 3, 4, 5, 6] as const).map((day) => [day, [hours("10:00", "14:00")]])),
        daysOff: [{ from: "2026-03-03", to: "2026-03-04" }],
        overrides: [],
      },
    },
    { masterId: CLARA, locationId: MITTE, schedule: { masterId: "3", weekly: {}, daysOff: [], overrides: [] } },
  ],
  holidays: [{ from: "2026-03-06", to: "2026-03-06" }],
  bookings: [
    visit({ status: "done", masterId: ANNA, serviceId: HAIRCUT, clientId: 1, startsAt: berlin("02", "10:00") }),
    visit({ status: "no_show", masterId: ANNA, serviceId: HAIRCUT, clientId: 2, startsAt: berlin("03", "10:00") }),
    visit({ status: "confirmed", masterId: ANNA, serviceId: COLOURING, clientId: 1, startsAt: berlin("05", "10:00") }),
    visit({ status: "cancelled", cancelledBy: "client", masterId: ANNA, serviceId: COLOURING, clientId: 3, startsAt: berlin("04", "10:00") }),
    visit({ status: "cancelled", cancelledBy: "hold-expired", masterId: ANNA, serviceId: HAIRCUT, clientId: 3, startsAt: berlin("04", "12:00") }),
    visit({ status: "done", masterId: BO, serviceId: COLOURING, clientId: 4, startsAt: tashkent("02", "11:00"), priceMinor: 500_000, currency: "UZS" }),
    visit({ status: "done", masterId: BO, serviceId: HAIRCUT, clientId: 2, startsAt: tashkent("07", "11:00") }),
    visit({ status: "cancelled", cancelledBy: "staff", masterId: BO, serviceId: HAIRCUT, clientId: 5, startsAt: tashkent("05", "11:00") }),
    // 00:30 on Monday in Tashkent is still Sunday in UTC: in the period.
    visit({ status: "pending", masterId: BO, serviceId: HAIRCUT, clientId: 6, startsAt: tashkent("02", "00:30") }),
    // 00:30 on the next Monday in Berlin is still Sunday in UTC: not in the period.
    visit({ status: "done", masterId: ANNA, serviceId: HAIRCUT, clientId: 1, startsAt: berlin("09", "00:30") }),
    // 23:30 on the Sunday before in Tashkent: not in the period.
    visit({ status: "done", masterId: BO, serviceId: HAIRCUT, clientId: 2, startsAt: tashkent("01", "23:30") }),
  ],
  firstDoneVisit: new Map([
    [1, new Date("2026-02-10T10:00:00Z")],
    [2, tashkent("07", "11:00")],
    [4, tashkent("02", "11:00")],
    [6, new Date("2025-12-01T10:00:00Z")],
  ]),
};

describe("booking analytics", () => {
  const report = analyticsOf(week);

  test("the total counts each booking of the period's days in its own location's zone", () => {
    assert.deepEqual(report.total, {
      bookings: 9,
      done: 3,
      noShows: 1,
      cancelled: { total: 3, byClient: 1, byStaff: 1, holdExpired: 1 },
      noShowRate: 1 / 4,
      cancellationRate: 3 / 9,
      revenue: [
        { currency: "EUR", amountMinor: 6000 },
        { currency: "UZS", amountMinor: 500_000 },
      ],
      bookedMinutes: 360,
      workingMinutes: 2880,
      occupancy: 360 / 2880,
      clients: 4,
      returningClients: 2,
      returningShare: 2 / 4,
    });
  });

  test("by day: every day of the period, each booking on its own location's day, against the hours every master had that day", () => {
    assert.deepEqual(
      report.byDay.map((day) => [day.date, day.bookings, day.done, day.cancelled.total, day.revenue, day.bookedMinutes, day.workingMinutes, day.occupancy]),
      [
        [
          "2026-03-02",
          3,
          2,
          0,
          [
            { currency: "EUR", amountMinor: 3000 },
            { currency: "UZS", amountMinor: 500_000 },
          ],
          150,
          720,
          150 / 720,
        ],
        ["2026-03-03", 1, 0, 0, [], 60, 480, 60 / 480],
        ["2026-03-04", 2, 0, 2, [], 0, 480, 0],
        ["2026-03-05", 2, 0, 1, [], 90, 720, 90 / 720],
        ["2026-03-06", 0, 0, 0, [], 0, 0, null],
        ["2026-03-07", 1, 1, 0, [{ currency: "EUR", amountMinor: 3000 }], 60, 480, 60 / 480],
        ["2026-03-08", 0, 0, 0, [], 0, 0, null],
      ],
    );
  });

  test("by location: each salon's bookings against its own masters' hours", () => {
    assert.deepEqual(report.byLocation, [
      {
        id: MITTE,
        bookings: 5,
        done: 1,
        noShows: 1,
        cancelled: { total: 2, byClient: 1, byStaff: 0, holdExpired: 1 },
        noShowRate: 1 / 2,
        cancellationRate: 2 / 5,
        revenue: [{ currency: "EUR", amountMinor: 3000 }],
        bookedMinutes: 210,
        workingMinutes: 2160,
        occupancy: 210 / 2160,
        clients: 2,
        returningClients: 1,
        returningShare: 1 / 2,
      },
      {
        id: CHILANZAR,
        bookings: 4,
        done: 2,
        noShows: 0,
        cancelled: { total: 1, byClient: 0, byStaff: 1, holdExpired: 0 },
        noShowRate: 0,
        cancellationRate: 1 / 4,
        revenue: [
          { currency: "EUR", amountMinor: 3000 },
          { currency: "UZS", amountMinor: 500_000 },
        ],
        bookedMinutes: 150,
        workingMinutes: 720,
        occupancy: 150 / 720,
        clients: 3,
        returningClients: 1,
        returningShare: 1 / 3,
      },
    ]);
  });

  test("by master: working minutes follow weekly hours, days off, the holiday and the override; an idle master shows zeros", () => {
    assert.deepEqual(
      report.byMaster.map((group) => ({ id: group.id, bookings: group.bookings, workingMinutes: group.workingMinutes, occupancy: group.occupancy, noShowRate: group.noShowRate })),
      [
        { id: ANNA, bookings: 5, workingMinutes: 2160, occupancy: 210 / 2160, noShowRate: 1 / 2 },
        { id: BO, bookings: 4, workingMinutes: 720, occupancy: 150 / 720, noShowRate: 0 },
        { id: CLARA, bookings: 0, workingMinutes: 0, occupancy: null, noShowRate: null },
      ],
    );
    const clara = report.byMaster[2];
    assert.deepEqual([clara?.cancellationRate, clara?.returningShare, clara?.revenue], [null, null, []]);
  });

  test("by service: no occupancy (a service has no hours); a client is returning only with a visit done before their first one here", () => {
    assert.deepEqual(report.byService, [
      {
        id: HAIRCUT,
        bookings: 6,
        done: 2,
        noShows: 1,
        cancelled: { total: 2, byClient: 0, byStaff: 1, holdExpired: 1 },
        noShowRate: 1 / 3,
        cancellationRate: 2 / 6,
        revenue: [{ currency: "EUR", amountMinor: 6000 }],
        bookedMinutes: 180,
        workingMinutes: null,
        occupancy: null,
        clients: 3,
        returningClients: 2,
        returningShare: 2 / 3,
      },
      {
        id: COLOURING,
        bookings: 3,
        done: 1,
        noShows: 0,
        cancelled: { total: 1, byClient: 1, byStaff: 0, holdExpired: 0 },
        noShowRate: 0,
        cancellationRate: 1 / 3,
        revenue: [{ currency: "UZS", amountMinor: 500_000 }],
        bookedMinutes: 180,
        workingMinutes: null,
        occupancy: null,
        clients: 2,
        returningClients: 1,
        returningShare: 1 / 2,
      },
    ]);
  });

  test("a period without bookings has rates of nothing rather than of zero", () => {
    const empty = analyticsOf({ ...week, bookings: [] });
    assert.deepEqual([empty.total.bookings, empty.total.noShowRate, empty.total.cancellationRate, empty.total.returningShare, empty.total.occupancy], [0, null, null, null, 0]);
  });
});
