import { isPlainDate, weekdayOf, type PlainDate, type Weekday } from "../../../platform/domain/zoned-time.ts";
import { checkFrom, type Check } from "./catalogue.ts";

/**
 * A stretch of work on the wall clock, in minutes since local midnight: `{ start: 540, end: 780 }`
 * is 09:00-13:00. `end` may be 1440 (midnight); an interval never crosses midnight.
 */
export interface WorkingInterval {
  start: number;
  end: number;
}

/** Days `from` to `to`, both included. */
export interface DateRange {
  from: PlainDate;
  to: PlainDate;
}

/** One date with its own hours; no intervals means the master does not work that day. */
export interface DayOverride {
  date: PlainDate;
  intervals: readonly WorkingInterval[];
}

/**
 * When a master works. A weekday with several intervals has breaks between them; a weekday that
 * is missing is a day off every week.
 */
export interface MasterSchedule {
  masterId: string;
  weekly: Partial<Record<Weekday, readonly WorkingInterval[]>>;
  /** Days off and vacations. */
  daysOff: readonly DateRange[];
  /** Dates with their own hours, e.g. a short day before a holiday. */
  overrides: readonly DayOverride[];
}

export type ScheduleProblem =
  | { problem: "interval-invalid" | "intervals-overlap"; day: Weekday | PlainDate }
  | { problem: "date-invalid" | "range-reversed"; day: PlainDate }
  | { problem: "weekday-invalid"; day: string };

function inRange(date: PlainDate, range: DateRange): boolean {
  return range.from <= date && date <= range.to;
}

/**
 * The hours a master works on `date`. In order of precedence: a business-wide holiday closes the
 * day whatever else is set; an override for that exact date comes next (so a master can work one
 * day of a vacation); then days off and vacations; then the weekly hours.
 */
export function workingHoursOn(schedule: MasterSchedule, holidays: readonly DateRange[], date: PlainDate): readonly WorkingInterval[] {
  if (holidays.some((range) => inRange(date, range))) return [];
  const override = schedule.overrides.find((entry) => entry.date === date);
  if (override !== undefined) return override.intervals;
  if (schedule.daysOff.some((range) => inRange(date, range))) return [];
  return schedule.weekly[weekdayOf(date)] ?? [];
}

function intervalProblems(intervals: readonly WorkingInterval[], day: Weekday | PlainDate): ScheduleProblem[] {
  const valid = (interval: WorkingInterval): boolean =>
    Number.isInteger(interval.start) && Number.isInteger(interval.end) && interval.start >= 0 && interval.start < interval.end && interval.end <= 1440;
  if (!intervals.every(valid)) return [{ problem: "interval-invalid", day }];
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const overlapping = sorted.some((interval, index) => index > 0 && interval.start < (sorted[index - 1]?.end ?? 0));
  return overlapping ? [{ problem: "intervals-overlap", day }] : [];
}

function rangeProblems(range: DateRange): ScheduleProblem[] {
  if (!isPlainDate(range.from)) return [{ problem: "date-invalid", day: range.from }];
  if (!isPlainDate(range.to)) return [{ problem: "date-invalid", day: range.to }];
  return range.from > range.to ? [{ problem: "range-reversed", day: range.from }] : [];
}

/** Checks a schedule before it is saved; each problem names the weekday or date to fix. */
export function checkSchedule(schedule: MasterSchedule): Check<ScheduleProblem> {
  const problems: ScheduleProblem[] = [];
  for (const [day, intervals] of Object.entries(schedule.weekly)) {
    problems.push(...intervalProblems(intervals, Number(day) as Weekday));
  }
  for (const range of schedule.daysOff) problems.push(...rangeProblems(range));
  for (const override of schedule.overrides) {
    if (!isPlainDate(override.date)) problems.push({ problem: "date-invalid", day: override.date });
    else problems.push(...intervalProblems(override.intervals, override.date));
  }
  return checkFrom(problems);
}

/** A master's week: the weekday numbers given must be 1-7, each day's intervals valid and apart. */
export function checkWeeklyHours(weekly: Partial<Record<number, readonly WorkingInterval[]>>): Check<ScheduleProblem> {
  const problems: ScheduleProblem[] = [];
  for (const [day, intervals] of Object.entries(weekly)) {
    const weekday = Number(day);
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) problems.push({ problem: "weekday-invalid", day: day });
    else if (intervals !== undefined) problems.push(...intervalProblems(intervals, weekday as Weekday));
  }
  return checkFrom(problems);
}

/** Checks the business-wide holidays. */
export function checkHolidays(holidays: readonly DateRange[]): Check<ScheduleProblem> {
  const problems = holidays.flatMap(rangeProblems);
  return checkFrom(problems);
}
