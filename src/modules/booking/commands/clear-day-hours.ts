import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { isPlainDate, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { dayHoursOf, lockMaster } from "../queries/master-checks.ts";
import type { BookingTables } from "../tables.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

/**
 * Returns a master's day to the weekly hours. A day opened specially may have bookings the weekly
 * hours do not cover: refused with the list until each has a move or a cancel.
 */
export const clearDayHours = defineCommand(
  "booking.day-hours.clear",
  async (scope: CommandScope<BookingTables>, input: TimeOffInput & { masterId: number; date: PlainDate }): Promise<UseCaseOutcome<TimeOffOutcome<{ masterId: number; date: PlainDate }>>> => {
    const { trx, actor } = scope;
    if (!isPlainDate(input.date)) return timeOffRefused("days-invalid");
    if ((await lockMaster(trx, actor.botId, input.masterId)) === undefined) return timeOffRefused("not-found");
    const before = await dayHoursOf(trx, input.masterId, input.date);
    if (before === undefined) return timeOffRefused("not-found");
    const timeOff = { kind: "day-hours" as const, masterId: String(input.masterId), date: input.date, intervals: null };
    const outcome = await clearTheWay(scope, { ...input, timeOff }, async () => {
      await trx
        .updateTable("booking_date_override")
        .set({ removed_at: scope.now })
        .where("master_id", "=", input.masterId)
        .where(sql<boolean>`date = ${input.date}::date`)
        .execute();
      return { masterId: input.masterId, date: input.date };
    });
    return audited(outcome, (value) => ({ objectType: "booking_date_override", objectId: `${value.masterId}:${value.date}`, before: before.intervals }));
  },
);
