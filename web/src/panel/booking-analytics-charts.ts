/** The booking Analytics page's charts, shaped from its answers (pure, so tested without a browser). */
import { formatPrice, minorDigitsOf } from "./booking-format.ts";
import type { ChartSeries, ChartSpec } from "./chart-data.ts";
import type { Translate } from "./i18n/useT.ts";

/** Written where a figure does not exist (occupancy of a master without hours). */
export const NO_FIGURE = "—";

/** The figures of a day or a master that the charts read (the analytics answer has more). */
export interface ChartedFigures {
  bookings: number;
  done: number;
  revenue: readonly { currency: string; amountMinor: number }[];
  occupancy: number | null;
}

/** A calendar day `2026-03-02` as the page's locale writes it short ("Mon, 2 Mar"), whatever the browser's zone. */
export function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(new Date(`${date}T12:00:00Z`));
}

function countSeries(label: string, values: number[], locale: string): ChartSeries {
  const format = new Intl.NumberFormat(locale);
  return { label, values, texts: values.map((value) => format.format(value)) };
}

/** Bookings made and visits done on each day of the period. */
export function bookingsPerDay(days: readonly (ChartedFigures & { date: string })[], locale: string, t: Translate): ChartSpec {
  return {
    title: t("booking-chart-bookings-per-day"),
    kind: "line",
    categoryLabel: t("booking-chart-day"),
    categories: days.map((day) => dayLabel(day.date, locale)),
    series: [countSeries(t("booking-chart-bookings"), days.map((day) => day.bookings), locale), countSeries(t("booking-chart-done"), days.map((day) => day.done), locale)],
    axisFormat: (value) => new Intl.NumberFormat(locale).format(value),
    wholeSteps: true,
  };
}

/**
 * Revenue of the visits done on each day, a series per currency (amounts in two currencies are
 * never added up); the table writes each amount from its minor units.
 */
export function revenuePerDay(days: readonly (ChartedFigures & { date: string })[], locale: string, t: Translate): ChartSpec {
  const currencies = [...new Set(days.flatMap((day) => day.revenue.map((entry) => entry.currency)))].sort();
  const series = currencies.map((currency): ChartSeries => {
    const minor = days.map((day) => day.revenue.find((entry) => entry.currency === currency)?.amountMinor ?? 0);
    // The line is drawn in whole units; the exact amount is the text.
    return { label: t("booking-chart-revenue-in", { currency }), values: minor.map((amount) => amount / 10 ** minorDigitsOf(currency)), texts: minor.map((amount) => formatPrice(amount, currency, locale)) };
  });
  const only = currencies.length === 1 ? currencies[0] : undefined;
  const axis = new Intl.NumberFormat(locale, only === undefined ? { maximumFractionDigits: 2 } : { style: "currency", currency: only, minimumFractionDigits: 0, maximumFractionDigits: 2 });
  return {
    title: t("booking-chart-revenue-per-day"),
    kind: "line",
    categoryLabel: t("booking-chart-day"),
    categories: days.map((day) => dayLabel(day.date, locale)),
    series,
    axisFormat: (value) => axis.format(value),
  };
}

/** Each master's booked share of their working time; a master without hours has no figure. */
export function occupancyByMaster(masters: readonly (ChartedFigures & { name: string })[], locale: string, t: Translate): ChartSpec {
  const share = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const tick = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return {
    title: t("booking-chart-occupancy-by-master"),
    kind: "bars",
    categoryLabel: t("booking-chart-master"),
    categories: masters.map((master) => master.name),
    series: [
      {
        label: t("booking-chart-occupancy"),
        values: masters.map((master) => (master.occupancy === null ? null : master.occupancy * 100)),
        texts: masters.map((master) => (master.occupancy === null ? NO_FIGURE : share.format(master.occupancy))),
      },
    ],
    axisFormat: (value) => tick.format(value / 100),
  };
}
