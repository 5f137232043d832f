import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { BookingTables } from "../tables.ts";
import { timeOffRefused, type TimeOffOutcome } from "./time-off-resolve.ts";

/** Takes a holiday back (the row stays, marked removed): the business opens those days again. */
export const removeHoliday = defineCommand("booking.holiday.remove", async (scope: CommandScope<BookingTables>, input: { id: number }): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  const row = await scope.trx
    .updateTable("booking_holiday")
    .set({ removed_at: scope.now })
    .where("id", "=", input.id)
    .where("bot_id", "=", scope.actor.botId)
    .where("removed_at", "is", null)
    .returning(["id", sql<string>`from_date::text`.as("from"), sql<string>`to_date::text`.as("to"), "name"])
    .executeTakeFirst();
  if (row === undefined) return timeOffRefused("not-found");
  return { result: { ok: true, value: { id: row.id }, moved: 0, cancelled: 0 }, audit: { objectType: "booking_holiday", objectId: row.id, before: { from: row.from, to: row.to, name: row.name } } };
});
