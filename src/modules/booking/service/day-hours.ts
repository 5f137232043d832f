import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { isPlainDate, type PlainDate } from "../../../platform/domain/zoned-time.ts";
import { checkSchedule, type WorkingInterval } from "../domain/schedule.ts";
import type { Tables } from "../repo.ts";
import { lockMaster } from "./days-off.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

type Trx = Transaction<Tables>;

export interface SetDayHoursInput extends TimeOffInput {
  masterId: number;
  date: PlainDate;
  /** Minutes after local midnight; none means the master does not work that day. */
  intervals: readonly WorkingInterval[];
}

async function currentHours(trx: Trx, masterId: number, date: PlainDate) {
  return trx
    .selectFrom("booking_date_override")
    .select("intervals")
    .where("master_id", "=", masterId)
    .where(sql<boolean>`date = ${date}::date`)
    .where("removed_at", "is", null)
    .executeTakeFirst();
}

/**
 * Gives one master's day its own hours (a short day, a late start, a Sunday opened specially),
 * taking precedence over the weekly hours and days off. A day that loses hours may hit bookings:
 * refused with the list until each has a move or a cancel, then all in one transaction.
 */
export const setDayHours = defineUseCase("booking.day-hours.set", async (trx: Trx, actor: Actor, input: SetDayHoursInput): Promise<UseCaseOutcome<TimeOffOutcome<{ masterId: number; date: PlainDate }>>> => {
  if (!isPlainDate(input.date)) return timeOffRefused("days-invalid");
  if (!checkSchedule({ masterId: String(input.masterId), weekly: {}, daysOff: [], overrides: [{ date: input.date, intervals: input.intervals }] }).ok) return timeOffRefused("hours-invalid");
  if ((await lockMaster(trx, actor.botId, input.masterId)) === undefined) return timeOffRefused("not-found");
  const before = await currentHours(trx, input.masterId, input.date);
  const intervals = [...input.intervals].sort((a, b) => a.start - b.start);
  const timeOff = { kind: "day-hours" as const, masterId: String(input.masterId), date: input.date, intervals };
  const outcome = await clearTheWay(trx, actor, { ...input, timeOff }, async () => {
    await trx
      .insertInto("booking_date_override")
      .values({ master_id: input.masterId, date: input.date, intervals: JSON.stringify(intervals) })
      .onConflict((conflict) => conflict.columns(["master_id", "date"]).doUpdateSet({ intervals: JSON.stringify(intervals), removed_at: null }))
      .execute();
    return { masterId: input.masterId, date: input.date };
  });
  return audited(outcome, (value) => ({ objectType: "booking_date_override", objectId: `${value.masterId}:${value.date}`, before: before?.intervals ?? null, after: intervals }));
});

/**
 * Returns a master's day to the weekly hours. A day opened specially may have bookings the weekly
 * hours do not cover: refused with the list until each has a move or a cancel.
 */
export const clearDayHours = defineUseCase(
  "booking.day-hours.clear",
  async (trx: Trx, actor: Actor, input: TimeOffInput & { masterId: number; date: PlainDate }): Promise<UseCaseOutcome<TimeOffOutcome<{ masterId: number; date: PlainDate }>>> => {
    if (!isPlainDate(input.date)) return timeOffRefused("days-invalid");
    if ((await lockMaster(trx, actor.botId, input.masterId)) === undefined) return timeOffRefused("not-found");
    const before = await currentHours(trx, input.masterId, input.date);
    if (before === undefined) return timeOffRefused("not-found");
    const timeOff = { kind: "day-hours" as const, masterId: String(input.masterId), date: input.date, intervals: null };
    const outcome = await clearTheWay(trx, actor, { ...input, timeOff }, async () => {
      await trx
        .updateTable("booking_date_override")
        .set({ removed_at: input.now })
        .where("master_id", "=", input.masterId)
        .where(sql<boolean>`date = ${input.date}::date`)
        .execute();
      return { masterId: input.masterId, date: input.date };
    });
    return audited(outcome, (value) => ({ objectType: "booking_date_override", objectId: `${value.masterId}:${value.date}`, before: before.intervals }));
  },
);
