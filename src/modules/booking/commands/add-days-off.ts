import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";
import { daysAreValid, MAX_REASON_LENGTH } from "../domain/time-off.ts";
import { lockMaster } from "../queries/master-checks.ts";
import type { BookingTables } from "../tables.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

export interface AddDaysOffInput extends TimeOffInput {
  masterId: number;
  from: PlainDate;
  to: PlainDate;
  reason?: string | null;
}

/**
 * Gives a master days off or a vacation, both days included. While it hits live bookings it is
 * refused with the list; with a move or a cancel for each, they happen first, in the same
 * transaction, their clients and masters told (see `clearTheWay`).
 */
export const addDaysOff = defineCommand("booking.days-off.add", async (scope: CommandScope<BookingTables>, input: AddDaysOffInput): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  if (!daysAreValid(input.from, input.to)) return timeOffRefused("days-invalid");
  if ((input.reason ?? "").length > MAX_REASON_LENGTH) return timeOffRefused("reason-too-long");
  if ((await lockMaster(scope.trx, scope.actor.botId, input.masterId)) === undefined) return timeOffRefused("not-found");
  const timeOff = { kind: "days-off" as const, masterId: String(input.masterId), days: { from: input.from, to: input.to } };
  const outcome = await clearTheWay(scope, { ...input, timeOff }, () =>
    scope.trx
      .insertInto("booking_day_off")
      .values({ master_id: input.masterId, from_date: input.from, to_date: input.to, reason: input.reason ?? null })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return audited(outcome, ({ id }) => ({ objectType: "booking_day_off", objectId: id, after: { masterId: input.masterId, from: input.from, to: input.to, reason: input.reason ?? null } }));
});
