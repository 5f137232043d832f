import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { bookingsPerDay as bookingsPerDayIn, occupancyByMaster as occupancyByMasterIn, revenuePerDay as revenuePerDayIn } from "../../web/src/panel/booking-analytics-charts.ts";

/** The charts' labels from the booking module's English panel catalogue, as the page has them. */
const english = new FluentBundle("en", { useIsolating: false });
english.addResource(new FluentResource(readFileSync(join(import.meta.dirname, "../../src/modules/booking/locales/panel.en.ftl"), "utf8")));
const t = (id: string, args?: Record<string, FluentVariable>) => {
  const message = english.getMessage(id);
  assert.ok(message?.value, `${id} is in the catalogue`);
  return english.formatPattern(message.value, args);
};
type Days = Parameters<typeof bookingsPerDayIn>[0];
const bookingsPerDay = (given: Days, locale: string) => bookingsPerDayIn(given, locale, t);
const revenuePerDay = (given: Days, locale: string) => revenuePerDayIn(given, locale, t);
const occupancyByMaster = (given: Parameters<typeof occupancyByMasterIn>[0], locale: string) => occupancyByMasterIn(given, locale, t);

const noRevenue: { currency: string; amountMinor: number }[] = [];
const days = [
  { date: "2026-03-02", bookings: 3, done: 2, revenue: [{ currency: "EUR", amountMinor: 6550 }], occupancy: 0.25 },
  { date: "2026-03-03", bookings: 0, done: 0, revenue: noRevenue, occupancy: 0 },
  { date: "2026-03-04", bookings: 1, done: 1, revenue: [{ currency: "EUR", amountMinor: 3500 }, { currency: "UZS", amountMinor: 500_000 }], occupancy: null },
];

describe("the booking Analytics page's charts", () => {
  test("bookings per day: a series of bookings and one of visits done, each day written in the page's locale", () => {
    const chart = bookingsPerDay(days, "en-GB");
    assert.deepEqual(chart.categories, ["Mon 2 Mar", "Tue 3 Mar", "Wed 4 Mar"]);
    assert.deepEqual(
      chart.series.map((series) => [series.label, series.values, series.texts]),
      [
        ["Bookings", [3, 0, 1], ["3", "0", "1"]],
        ["Done", [2, 0, 1], ["2", "0", "1"]],
      ],
    );
    assert.equal(chart.wholeSteps, true, "no half bookings on the axis");
    assert.deepEqual(bookingsPerDay(days, "ru").categories, ["пн, 2 мар.", "вт, 3 мар.", "ср, 4 мар."]);
  });

  test("revenue per day: a series per currency, a day without visits done at zero, each amount written exactly from its minor units", () => {
    const chart = revenuePerDay(days, "en");
    assert.deepEqual(
      chart.series.map((series) => [series.label, series.values, series.texts]),
      [
        ["Revenue, EUR", [65.5, 0, 35], ["€65.50", "€0.00", "€35.00"]],
        ["Revenue, UZS", [0, 0, 5000], ["UZS\u00a00.00", "UZS\u00a00.00", "UZS\u00a05,000.00"]],
      ],
    );
    assert.deepEqual(revenuePerDay(days.slice(0, 1), "de").series[0]?.texts, ["65,50\u00a0€"]);
    assert.equal(revenuePerDay(days.slice(0, 1), "en").axisFormat(20), "€20");
  });

  test("occupancy by master: a bar per master in per cent, no figure for a master without hours", () => {
    const chart = occupancyByMaster(
      [
        { name: "Anna", bookings: 5, done: 4, revenue: noRevenue, occupancy: 0.125 },
        { name: "Clara", bookings: 0, done: 0, revenue: noRevenue, occupancy: null },
      ],
      "en",
    );
    assert.equal(chart.kind, "bars");
    assert.deepEqual(chart.categories, ["Anna", "Clara"]);
    assert.deepEqual(chart.series.map((series) => [series.label, series.values, series.texts]), [["Occupancy", [12.5, null], ["12.5%", "—"]]]);
    assert.deepEqual([chart.axisFormat(50), chart.axisFormat(0.5)], ["50%", "0.5%"]);
  });
});
