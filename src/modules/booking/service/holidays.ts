import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import type { PlainDate } from "../../../platform/domain/zoned-time.ts";
import type { Tables } from "../repo.ts";
import { daysAreValid, MAX_REASON_LENGTH } from "./days-off.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

type Trx = Transaction<Tables>;

export interface AddHolidayInput extends TimeOffInput {
  from: PlainDate;
  to: PlainDate;
  name?: string | null;
}

/**
 * Closes the whole business from `from` to `to` (both included, each location's calendar). It
 * hits every master's bookings on those days: refused with the list until each has a move or a
 * cancel (nobody is free on a holiday, so in practice a cancel), then done in one transaction.
 */
export const addHoliday = defineUseCase("booking.holiday.add", async (trx: Trx, actor: Actor, input: AddHolidayInput): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  if (!daysAreValid(input.from, input.to)) return timeOffRefused("days-invalid");
  if ((input.name ?? "").length > MAX_REASON_LENGTH) return timeOffRefused("reason-too-long");
  const timeOff = { kind: "holiday" as const, days: { from: input.from, to: input.to } };
  const outcome = await clearTheWay(trx, actor, { ...input, timeOff }, () =>
    trx.insertInto("booking_holiday").values({ bot_id: actor.botId, from_date: input.from, to_date: input.to, name: input.name ?? null }).returning("id").executeTakeFirstOrThrow(),
  );
  return audited(outcome, ({ id }) => ({ objectType: "booking_holiday", objectId: id, after: { from: input.from, to: input.to, name: input.name ?? null } }));
});

/** Takes a holiday back (the row stays, marked removed): the business opens those days again. */
export const removeHoliday = defineUseCase(
  "booking.holiday.remove",
  async (trx: Trx, actor: Actor, input: { id: number; now: Date }): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
    const row = await trx
      .updateTable("booking_holiday")
      .set({ removed_at: input.now })
      .where("id", "=", input.id)
      .where("bot_id", "=", actor.botId)
      .where("removed_at", "is", null)
      .returning(["id", sql<string>`from_date::text`.as("from"), sql<string>`to_date::text`.as("to"), "name"])
      .executeTakeFirst();
    if (row === undefined) return timeOffRefused("not-found");
    return { result: { ok: true, value: { id: row.id }, moved: 0, cancelled: 0 }, audit: { objectType: "booking_holiday", objectId: row.id, before: { from: row.from, to: row.to, name: row.name } } };
  },
);
