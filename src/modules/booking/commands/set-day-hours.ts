import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { isPlainDate, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { checkSchedule, type WorkingInterval } from "../domain/schedule.ts";
import { dayHoursOf, lockMaster } from "../queries/master-checks.ts";
import type { BookingTables } from "../tables.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

export interface SetDayHoursInput extends TimeOffInput {
  masterId: number;
  date: PlainDate;
  /** Minutes after local midnight; none means the master does not work that day. */
  intervals: readonly WorkingInterval[];
}

/**
 * Gives one master's day its own hours (a short day, a late start, a Sunday opened specially),
 * taking precedence over the weekly hours and days off. A day that loses hours may hit bookings:
 * refused with the list until each has a move or a cancel, then all in one transaction.
 */
export const setDayHours = defineCommand(
  "booking.day-hours.set",
  async (scope: CommandScope<BookingTables>, input: SetDayHoursInput): Promise<UseCaseOutcome<TimeOffOutcome<{ masterId: number; date: PlainDate }>>> => {
    const { trx, actor } = scope;
    if (!isPlainDate(input.date)) return timeOffRefused("days-invalid");
    if (!checkSchedule({ masterId: String(input.masterId), weekly: {}, daysOff: [], overrides: [{ date: input.date, intervals: input.intervals }] }).ok) return timeOffRefused("hours-invalid");
    if ((await lockMaster(trx, actor.botId, input.masterId)) === undefined) return timeOffRefused("not-found");
    const before = await dayHoursOf(trx, input.masterId, input.date);
    const intervals = [...input.intervals].sort((a, b) => a.start - b.start);
    const timeOff = { kind: "day-hours" as const, masterId: String(input.masterId), date: input.date, intervals };
    const outcome = await clearTheWay(scope, { ...input, timeOff }, async () => {
      await trx
        .insertInto("booking_date_override")
        .values({ master_id: input.masterId, date: input.date, intervals: JSON.stringify(intervals) })
        .onConflict((conflict) => conflict.columns(["master_id", "date"]).doUpdateSet({ intervals: JSON.stringify(intervals), removed_at: null }))
        .execute();
      return { masterId: input.masterId, date: input.date };
    });
    return audited(outcome, (value) => ({ objectType: "booking_date_override", objectId: `${value.masterId}:${value.date}`, before: before?.intervals ?? null, after: intervals }));
  },
);
