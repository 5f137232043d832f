/**
 * How a booking's times read to a person, in their language and the location's zone (money reads
 * through the platform's `formatMoney`). Pure `Intl`: the bot, the master's notices and the `.ics`
 * description all say it the same way.
 */
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";

/** A visit's start as the client reads it: "Wed, 4 March 2026, 10:30" in the location's zone. */
export function formatVisitTime(start: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(start);
}

/** A time of day on the location's wall clock: "10:30". */
export function formatClockTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

/** A calendar day as a heading: "Wednesday, 4 March". */
export function formatDay(date: PlainDate, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(new Date(`${date}T12:00:00Z`));
}

/** A month as a calendar's title: "March 2026" (Russian: "март 2026 г."). */
export function formatMonth(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "long", year: "numeric" }).format(new Date(`${month}-15T12:00:00Z`));
}

/** Short weekday names from Monday, for a calendar's header row. */
export function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short" });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2024, 0, 1 + day, 12))));
}
