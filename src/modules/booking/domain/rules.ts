import { checkFrom, type Check } from "./catalogue.ts";

/**
 * What a bot allows its clients. Each service may override any of these; every check uses the
 * merged rules from {@link rulesForService}. Durations are real minutes: "24 hours before" a visit
 * is 24 hours of elapsed time, also across a daylight-saving change.
 */
export interface BookingRules {
  /** A client cannot book a visit that starts sooner than this many minutes from now. */
  minNoticeMin: number;
  /** The last bookable day is today plus this many days, in the location's zone (whole day). */
  horizonDays: number;
  /** A client may cancel up to this many minutes before the visit; later only staff can. */
  cancelWindowMin: number;
  /** A client may reschedule up to this many minutes before the visit. */
  rescheduleWindowMin: number;
  /** How many times a client may move one booking. */
  maxReschedules: number;
  /** How many upcoming bookings (pending or confirmed) one client may hold at once. */
  maxActivePerClient: number;
}

/** What a new bot starts with: an hour's notice, 60 days ahead, 24 h to cancel or move, 3 bookings. */
export const DEFAULT_BOOKING_RULES: BookingRules = {
  minNoticeMin: 60,
  horizonDays: 60,
  cancelWindowMin: 24 * 60,
  rescheduleWindowMin: 24 * 60,
  maxReschedules: 2,
  maxActivePerClient: 3,
};

/** A service's own rules: only what differs from the bot's. */
export type RuleOverrides = Partial<BookingRules>;

/** The rules in force for one service: the bot's, with the service's overrides on top. */
export function rulesForService(botRules: BookingRules, overrides: RuleOverrides | undefined): BookingRules {
  if (overrides === undefined) return botRules;
  const merged = { ...botRules };
  for (const key of Object.keys(botRules) as (keyof BookingRules)[]) {
    const value = overrides[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** The rule whose value cannot be used, e.g. a negative notice or a horizon of 0 days. */
export type RulesProblem = { problem: "invalid"; rule: keyof BookingRules };

const LOWEST: Record<keyof BookingRules, number> = {
  minNoticeMin: 0,
  horizonDays: 1,
  cancelWindowMin: 0,
  rescheduleWindowMin: 0,
  maxReschedules: 0,
  maxActivePerClient: 1,
};

/** Checks rules (or a service's overrides) before they are saved: whole numbers, none below its floor. */
export function checkRules(rules: RuleOverrides): Check<RulesProblem> {
  const problems: RulesProblem[] = [];
  for (const rule of Object.keys(LOWEST) as (keyof BookingRules)[]) {
    const value = rules[rule];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= LOWEST[rule])) problems.push({ problem: "invalid", rule });
  }
  return checkFrom(problems);
}

/** Reminders go out at most this many times before one visit. */
export const MAX_REMINDERS = 5;
/** The earliest reminder: a month before the visit. */
export const MAX_REMINDER_OFFSET_MIN = 30 * 24 * 60;

/**
 * Checks the reminder offsets (minutes before a visit): whole minutes from 1 to a month, none
 * twice, at most {@link MAX_REMINDERS}. An empty list is allowed: the bot sends no reminders.
 */
export function checkReminderOffsets(offsetsMin: readonly number[]): Check<"reminders-invalid"> {
  const valid = (offset: number) => Number.isInteger(offset) && offset >= 1 && offset <= MAX_REMINDER_OFFSET_MIN;
  const ok = offsetsMin.length <= MAX_REMINDERS && offsetsMin.every(valid) && new Set(offsetsMin).size === offsetsMin.length;
  return checkFrom(ok ? [] : ["reminders-invalid"]);
}
