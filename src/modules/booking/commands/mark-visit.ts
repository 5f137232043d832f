import { sql } from "kysely";
import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { changeStatus } from "../domain/status.ts";
import { scheduleReviewRequest } from "../effects/review-request.ts";
import type { BookingTables } from "../tables.ts";
import { bookingToChange, recordChange } from "../effects/changes.ts";
import { refused, type BookingOutcome } from "../queries/outcome.ts";
import { presentBooking } from "../views.ts";

export interface MarkVisitInput {
  bookingId: number;
  /** The client came (`done`) or did not (`no_show`). */
  outcome: "done" | "no_show";
}

/**
 * Staff mark a confirmed visit that has begun as done or a no-show, once; the status machine
 * refuses anything else. The master's time stays occupied: it was spent either way. A visit done
 * asks its client for a review later (see `REVIEW_DELAY_MS`); nobody else is told: the one who
 * marks it is there.
 */
export const markVisit = defineCommand("booking.mark", async (scope: CommandScope<BookingTables>, input: MarkVisitInput): Promise<UseCaseOutcome<BookingOutcome>> => {
  const { trx, actor, now } = scope;
  const before = await bookingToChange(trx, actor, input.bookingId, "staff");
  if (before === undefined) return refused("not-found");
  const change = changeStatus(
    { status: before.status, visitStart: before.starts_at },
    { type: input.outcome === "done" ? "mark-done" : "mark-no-show" },
    now,
  );
  if (!change.ok) return refused(change.reason);
  const after = await trx
    .updateTable("booking")
    .set({ status: change.status, updated_at: sql`now()` })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, now, "marked", before, after);
  await scheduleReviewRequest(scope, after);
  const booking = presentBooking(after);
  return { result: { ok: true, booking }, audit: { objectType: "booking", objectId: booking.id, before: presentBooking(before), after: booking } };
});
