import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { BookingTables } from "../tables.ts";
import { timeOffRefused, type TimeOffOutcome } from "./time-off-resolve.ts";

/** Takes a day off or vacation back (the row stays, marked removed): the master works those days again. */
export const removeDaysOff = defineCommand("booking.days-off.remove", async (scope: CommandScope<BookingTables>, input: { id: number }): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  const row = await scope.trx
    .updateTable("booking_day_off")
    .set({ removed_at: scope.now })
    .where("id", "=", input.id)
    .where("removed_at", "is", null)
    .where("master_id", "in", (eb) => eb.selectFrom("booking_master").select("id").where("bot_id", "=", scope.actor.botId))
    .returning(["id", "master_id", sql<string>`from_date::text`.as("from"), sql<string>`to_date::text`.as("to"), "reason"])
    .executeTakeFirst();
  if (row === undefined) return timeOffRefused("not-found");
  return {
    result: { ok: true, value: { id: row.id }, moved: 0, cancelled: 0 },
    audit: { objectType: "booking_day_off", objectId: row.id, before: { masterId: row.master_id, from: row.from, to: row.to, reason: row.reason } },
  };
});
