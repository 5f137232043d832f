import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { categoryTicks, chartRows, colourOf, plotData, SERIES_COLOURS, valueRange, type ChartSpec } from "../../web/src/panel/chart-data.ts";

const spec: ChartSpec = {
  title: "Bookings per day",
  kind: "line",
  categoryLabel: "Day",
  categories: ["Mon", "Tue", "Wed"],
  series: [
    { label: "Bookings", values: [3, 0, 5], texts: ["3", "0", "5"] },
    { label: "Done", values: [2, null, 4], texts: ["2", "—", "4"] },
  ],
  axisFormat: String,
};

describe("a chart's data", () => {
  test("uPlot gets the categories' indices along x and each series' values, gaps kept", () => {
    assert.deepEqual(plotData(spec), [
      [0, 1, 2],
      [3, 0, 5],
      [2, null, 4],
    ]);
  });

  test("the table has a row per category with each series' text", () => {
    assert.deepEqual(chartRows(spec), [
      { category: "Mon", cells: ["3", "2"] },
      { category: "Tue", cells: ["0", "—"] },
      { category: "Wed", cells: ["5", "4"] },
    ]);
  });

  test("the value axis starts at zero and clears the largest figure; without figures it still has a height", () => {
    assert.deepEqual(valueRange(spec), [0, 5 * 1.1]);
    assert.deepEqual(valueRange({ ...spec, series: [{ label: "Done", values: [0, null, 0], texts: ["0", "—", "0"] }] }), [0, 1]);
  });

  test("every category is labelled when the labels fit; a month on a phone labels every few days, the first always", () => {
    assert.deepEqual(categoryTicks(3, 600), [0, 1, 2]);
    assert.deepEqual(categoryTicks(31, 300), [0, 8, 16, 24]);
    assert.deepEqual(categoryTicks(31, 30), [0]);
    assert.deepEqual(categoryTicks(0, 600), []);
  });

  test("series take the palette's colours in order and start over past its end", () => {
    assert.equal(colourOf(0), "#2563eb");
    assert.equal(colourOf(SERIES_COLOURS.length), colourOf(0));
  });
});
