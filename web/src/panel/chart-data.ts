/** What the panel's Chart draws and writes, shaped without the browser (the pure part of `Chart.tsx`). */

/** One line or row of bars: a value per category, and the same figure as the table writes it. */
export interface ChartSeries {
  label: string;
  /** One per category; null where there is no figure (a gap in the line, no bar). */
  values: readonly (number | null)[];
  /** One per category: the figure in the page's locale ("€35.00", "12.5 %", "—"). */
  texts: readonly string[];
}

/** A chart of a page: what it is called, what it counts along and the series over it. */
export interface ChartSpec {
  title: string;
  kind: "line" | "bars";
  /** The table's first column header: what a category is ("Day", "Master"). */
  categoryLabel: string;
  /** The categories along the bottom, already written in the page's locale. */
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** How the value axis writes a tick. */
  axisFormat: (value: number) => string;
  /** Counts: the value axis steps by whole numbers (no "0.5 bookings"). */
  wholeSteps?: boolean;
}

/** The steps a value axis of counts may take between ticks. */
export const WHOLE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

/** The series' colours in order, from the panel's palette (its blue first). */
export const SERIES_COLOURS = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#db2777", "#0891b2"] as const;

export function colourOf(seriesIndex: number): string {
  return SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length]!;
}

/** The data as uPlot takes it: the categories' indices along x, then each series' values. */
export function plotData(spec: ChartSpec): [number[], ...(number | null)[][]] {
  return [spec.categories.map((_, index) => index), ...spec.series.map((series) => [...series.values])];
}

/** The value axis from zero to a little above the largest figure (1 when there is none), so bars stand on zero. */
export function valueRange(spec: ChartSpec): [number, number] {
  const largest = Math.max(0, ...spec.series.flatMap((series) => series.values.filter((value) => value !== null)));
  return [0, largest > 0 ? largest * 1.1 : 1];
}

/**
 * Which categories get a label along the bottom so that labels stay `spacing` pixels apart:
 * every one when they fit, else every second, third… always starting with the first.
 */
export function categoryTicks(count: number, widthPx: number, spacingPx = 72): number[] {
  if (count === 0) return [];
  const fitting = Math.max(1, Math.floor(widthPx / spacingPx));
  const step = Math.ceil(count / fitting);
  return Array.from({ length: Math.ceil(count / step) }, (_, index) => index * step);
}

/** The table of the figures: a row per category with each series' text. */
export function chartRows(spec: ChartSpec): { category: string; cells: string[] }[] {
  return spec.categories.map((category, index) => ({ category, cells: spec.series.map((series) => series.texts[index] ?? "") }));
}
