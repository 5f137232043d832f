import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";
import { daysAreValid, MAX_REASON_LENGTH } from "../domain/time-off.ts";
import type { BookingTables } from "../tables.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

export interface AddHolidayInput extends TimeOffInput {
  from: PlainDate;
  to: PlainDate;
  name?: string | null;
}

/**
 * Closes the whole business from `from` to `to` (both included, each location's calendar). It
 * hits every master's bookings on those days: refused with the list until each has a move or a
 * cancel (nobody is free on a holiday, so in practice a cancel), then done in one transaction,
 * the clients and masters told.
 */
export const addHoliday = defineCommand("booking.holiday.add", async (scope: CommandScope<BookingTables>, input: AddHolidayInput): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  if (!daysAreValid(input.from, input.to)) return timeOffRefused("days-invalid");
  if ((input.name ?? "").length > MAX_REASON_LENGTH) return timeOffRefused("reason-too-long");
  const timeOff = { kind: "holiday" as const, days: { from: input.from, to: input.to } };
  const outcome = await clearTheWay(scope, { ...input, timeOff }, () =>
    scope.trx.insertInto("booking_holiday").values({ bot_id: scope.actor.botId, from_date: input.from, to_date: input.to, name: input.name ?? null }).returning("id").executeTakeFirstOrThrow(),
  );
  return audited(outcome, ({ id }) => ({ objectType: "booking_holiday", objectId: id, after: { from: input.from, to: input.to, name: input.name ?? null } }));
});
