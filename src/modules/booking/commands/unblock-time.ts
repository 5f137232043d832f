import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { BookingTables } from "../tables.ts";
import { timeOffRefused, type TimeOffOutcome } from "./time-off-resolve.ts";

/** Gives a block's time back to the master (the row stays, released); it can be booked again. */
export const unblockTime = defineCommand("booking.unblock", async (scope: CommandScope<BookingTables>, input: { id: number }): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  const row = await scope.trx
    .updateTable("booking_occupancy")
    .set({ active: false, released_at: scope.now })
    .where("id", "=", input.id)
    .where("bot_id", "=", scope.actor.botId)
    .where("kind", "=", "block")
    .where("active", "=", true)
    .returning(["id", "master_id", sql<Date>`lower(during)`.as("start"), sql<Date>`upper(during)`.as("end"), "reason"])
    .executeTakeFirst();
  if (row === undefined) return timeOffRefused("not-found");
  return {
    result: { ok: true, value: { id: row.id }, moved: 0, cancelled: 0 },
    audit: { objectType: "booking_block", objectId: row.id, before: { masterId: row.master_id, start: new Date(row.start).toISOString(), end: new Date(row.end).toISOString(), reason: row.reason } },
  };
});
