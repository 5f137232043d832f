/**
 * Wall-clock time in a location's IANA time zone, computed with `Intl.DateTimeFormat` alone.
 *
 * Instants are `Date`s (UTC). Calendar days are plain `"YYYY-MM-DD"` strings and times of day are
 * minutes since local midnight, because that is how a salon writes its hours ("Mon 09:00-13:00").
 *
 * Daylight-saving changes, decided once here so every caller agrees:
 * - A wall time that does not exist (spring forward, e.g. 02:30 in Berlin on 2026-03-29) is not an
 *   instant: {@link zonedDateTimeToInstant} answers `null`, so no slot is offered there.
 * - A wall time that happens twice (fall back, e.g. 02:30 in Berlin on 2026-10-25) means its first
 *   occurrence, still on summer time. The second occurrence is never offered as a slot.
 * - Boundaries of working hours use {@link zonedBoundaryToInstant}, which moves a non-existent
 *   wall time forward by the length of the gap (as `Temporal`'s "compatible" disambiguation does).
 */

import { TIME_ZONE_COUNTRIES } from "./time-zone-countries.ts";

/** A calendar day, `"YYYY-MM-DD"`, with no time zone attached. */
export type PlainDate = string;

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Where an instant falls on the wall clock of a zone. */
export interface ZonedTime {
  date: PlainDate;
  /** Whole minutes since local midnight (0-1439); seconds are dropped. */
  minutes: number;
  weekday: Weekday;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The country (ISO 3166-1 alpha-2) an IANA zone is in, by the tz database: "DE" for
 * "Europe/Berlin", "UZ" for "Asia/Tashkent"; undefined for "UTC" and the like.
 */
export function countryOfTimeZone(timeZone: string): string | undefined {
  return Object.hasOwn(TIME_ZONE_COUNTRIES, timeZone) ? TIME_ZONE_COUNTRIES[timeZone] : undefined;
}

/** True when the runtime knows this IANA zone name (e.g. `"Europe/Berlin"`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `timeZone` at `instantMs`, written as if it were a UTC timestamp. */
function wallClockMs(instantMs: number, timeZone: string): number {
  return instantMs + offsetMs(instantMs, timeZone);
}

/** Read straight from Intl: exact, and slow (a month of slots for 20 masters asks ~10^5 times). */
function formattedWallClockMs(instantMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const hour = fields.hour === 24 ? 0 : (fields.hour ?? 0);
  const wholeSecond = Date.UTC(fields.year ?? 0, (fields.month ?? 1) - 1, fields.day ?? 1, hour, fields.minute ?? 0, fields.second ?? 0);
  return wholeSecond + (((instantMs % 1000) + 1000) % 1000);
}

const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const MAX_CACHED_OFFSETS = 200_000;
/** Per zone, the offset of each quarter hour, keyed by its first millisecond. */
const offsets = new Map<string, Map<number, number>>();

/**
 * The zone's offset at an instant, cached per quarter hour: offsets change only at transitions,
 * and a quarter hour whose two ends disagree (a transition inside it) is never cached.
 */
function offsetMs(instantMs: number, timeZone: string): number {
  const bucket = Math.floor(instantMs / OFFSET_BUCKET_MS) * OFFSET_BUCKET_MS;
  let zone = offsets.get(timeZone);
  if (zone === undefined) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const cached = zone.get(bucket);
  if (cached !== undefined) return cached;
  const offset = formattedWallClockMs(instantMs, timeZone) - instantMs;
  const atStart = formattedWallClockMs(bucket, timeZone) - bucket;
  const atEnd = formattedWallClockMs(bucket + OFFSET_BUCKET_MS - 1, timeZone) - (bucket + OFFSET_BUCKET_MS - 1);
  if (atStart === offset && atEnd === offset) {
    if (zone.size >= MAX_CACHED_OFFSETS) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

/** The value of the two to four digits at `from` (exclusive `to`), or NaN when one is not 0-9. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Midnight of `date` on a UTC clock, the reference the wall-clock arithmetic here works in. */
function utcMidnightMs(date: PlainDate): number {
  // Read by hand rather than with PLAIN_DATE: a month of slots parses dates ~10^5 times.
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (date.length !== 10 || date[4] !== "-" || date[7] !== "-" || Number.isNaN(year + month + day)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(year, month - 1, day);
}

const MAX_CACHED_DATES = 100_000;
/** The date of each UTC day number, so a day is formatted once rather than at every instant in it. */
const datesOfDays = new Map<number, PlainDate>();

function plainDateOfUtcMs(ms: number): PlainDate {
  const dayNumber = Math.floor(ms / DAY_MS);
  let date = datesOfDays.get(dayNumber);
  if (date === undefined) {
    date = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    if (datesOfDays.size >= MAX_CACHED_DATES) datesOfDays.clear();
    datesOfDays.set(dayNumber, date);
  }
  return date;
}

/** True for a real calendar day written `"YYYY-MM-DD"` (so `"2026-02-30"` is false). */
export function isPlainDate(value: string): boolean {
  return PLAIN_DATE.test(value) && plainDateOfUtcMs(utcMidnightMs(value)) === value;
}

/** The day `days` later (or earlier, when negative) than `date`. */
export function addDays(date: PlainDate, days: number): PlainDate {
  return plainDateOfUtcMs(utcMidnightMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return Math.round((utcMidnightMs(to) - utcMidnightMs(from)) / DAY_MS);
}

/** The ISO weekday of a calendar day; it does not depend on any zone. */
export function weekdayOf(date: PlainDate): Weekday {
  const sundayIsZero = new Date(utcMidnightMs(date)).getUTCDay();
  return (sundayIsZero === 0 ? 7 : sundayIsZero) as Weekday;
}

/** Every day of a month given as `"YYYY-MM"`, in order. */
export function datesOfMonth(month: string): PlainDate[] {
  const first = `${month}-01`;
  if (!isPlainDate(first)) throw new RangeError(`not a YYYY-MM month: ${month}`);
  const dates: PlainDate[] = [];
  for (let date = first; date.startsWith(month); date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** `570` -> `"09:30"`; `1440` (the end of a day) -> `"24:00"`. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** `"09:30"` -> `570`; `"24:00"` (the end of a day) -> `1440`; undefined for anything else. */
export function parseClock(time: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (match === null) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 1440 ? minutes : undefined;
}

/** Where `instant` falls on the wall clock of `timeZone`. */
export function instantToZoned(instant: Date, timeZone: string): ZonedTime {
  const wall = wallClockMs(instant.getTime(), timeZone);
  const date = plainDateOfUtcMs(wall);
  return { date, minutes: Math.floor((wall - utcMidnightMs(date)) / MINUTE_MS), weekday: weekdayOf(date) };
}

/**
 * The earliest instant at which the wall clock of `timeZone` shows `minutes` after midnight of
 * `date`: undefined in a spring-forward gap, the first of the two in a fall-back hour.
 * `minutes` may be 1440, meaning midnight at the end of the day.
 */
function firstInstantShowing(date: PlainDate, minutes: number, timeZone: string): number | undefined {
  const wall = utcMidnightMs(date) + minutes * MINUTE_MS;
  let first: number | undefined;
  // The offsets a day either side cover every offset in force around the wall time.
  for (const offset of [offsetMs(wall - DAY_MS, timeZone), offsetMs(wall, timeZone), offsetMs(wall + DAY_MS, timeZone)]) {
    const instant = wall - offset;
    if ((first === undefined || instant < first) && wallClockMs(instant, timeZone) === wall) first = instant;
  }
  return first;
}

/**
 * The instant a client means by "`date` at `minutes` after midnight" in `timeZone`, or `null`
 * when the clocks skip that time (it is then never offered). A time that happens twice means its
 * first occurrence.
 *
 * @example zonedDateTimeToInstant("2026-03-29", 150, "Europe/Berlin") // null: 02:30 is skipped
 */
export function zonedDateTimeToInstant(date: PlainDate, minutes: number, timeZone: string): Date | null {
  const first = firstInstantShowing(date, minutes, timeZone);
  return first === undefined ? null : new Date(first);
}

/**
 * Like {@link zonedDateTimeToInstant}, but always an instant: a boundary of working hours that
 * falls into a spring-forward gap moves forward by the gap's length (02:30 -> 03:30 in Berlin), so
 * a working interval keeps its length in real time.
 */
export function zonedBoundaryToInstant(date: PlainDate, minutes: number, timeZone: string): Date {
  const exact = zonedDateTimeToInstant(date, minutes, timeZone);
  if (exact !== null) return exact;
  const wall = utcMidnightMs(date) + minutes * MINUTE_MS;
  return new Date(wall - offsetMs(wall - DAY_MS, timeZone));
}

/** The real-time span of a calendar day in `timeZone`: 23 h, 24 h or 25 h. */
export function zonedDay(date: PlainDate, timeZone: string): { start: Date; end: Date } {
  return { start: zonedBoundaryToInstant(date, 0, timeZone), end: zonedBoundaryToInstant(addDays(date, 1), 0, timeZone) };
}
