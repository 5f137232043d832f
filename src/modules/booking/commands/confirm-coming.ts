import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { historyOf } from "../queries/bookings.ts";
import { type BookingTables } from "../tables.ts";
import { bookingToChange, recordChange } from "../effects/changes.ts";

export type ComingOutcome = { ok: true; already: boolean } | { ok: false; reason: "not-found" | "not-confirmed" };

/**
 * The client answers a reminder with "I'll come": recorded once per visit time in the booking's
 * history (a second press changes nothing). Only a confirmed booking of their own.
 */
export const confirmComing = defineCommand("booking.coming", async (scope: CommandScope<BookingTables>, input: { bookingId: number }): Promise<UseCaseOutcome<ComingOutcome>> => {
  const { trx, actor, now } = scope;
  const booking = await bookingToChange(trx, actor, input.bookingId, "client");
  if (booking === undefined) return { result: { ok: false, reason: "not-found" }, audit: null };
  if (booking.status !== "confirmed") return { result: { ok: false, reason: "not-confirmed" }, audit: null };
  const history = await historyOf(trx, booking.id);
  const already = history.some((row) => row.event === "coming" && row.to_starts_at.getTime() === booking.starts_at.getTime());
  if (already) return { result: { ok: true, already: true }, audit: null };
  await recordChange(trx, actor, now, "coming", booking, booking);
  await trx.updateTable("booking").set({ updated_at: sql`now()` }).where("id", "=", booking.id).execute();
  return { result: { ok: true, already: false }, audit: { objectType: "booking", objectId: booking.id, after: { coming: true } } };
});
