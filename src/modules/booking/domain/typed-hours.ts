import { parseClock } from "../../../platform/domain/zoned-time.ts";
import type { WorkingInterval } from "./schedule.ts";

/** The words that make a typed day a day off. */
const DAY_OFF_WORDS = new Set(["off", "-", "выходной"]);

/**
 * A day's working hours typed by a person: intervals like "09:00-13:00 14:00-19:00" (commas or
 * spaces between them, "9:00" allowed), or "off" for a day off (an empty list). Undefined when it
 * is neither; order and overlaps are left to the schedule's own check.
 */
export function intervalsFromTyped(typed: string): WorkingInterval[] | undefined {
  const text = typed.trim().toLowerCase();
  if (DAY_OFF_WORDS.has(text)) return [];
  const parts = text.split(/[\s,;]+/).filter((part) => part !== "");
  if (parts.length === 0) return undefined;
  const intervals: WorkingInterval[] = [];
  for (const part of parts) {
    const [from, to, ...rest] = part.split(/[-–]/).map((clock) => parseClock(clock.length === 4 ? `0${clock}` : clock));
    if (from === undefined || to === undefined || rest.length > 0) return undefined;
    intervals.push({ start: from, end: to });
  }
  return intervals;
}
