import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { changeStatus } from "../domain/status.ts";
import type { Tables } from "../repo.ts";
import { bookingToChange, recordChange } from "./changes.ts";
import { refused, type BookingOutcome } from "./outcome.ts";
import { presentBooking } from "./presenter.ts";
import { scheduleReviewRequest } from "../reviews.ts";

type Trx = Transaction<Tables>;

export interface MarkVisitInput {
  bookingId: number;
  /** The client came (`done`) or did not (`no_show`). */
  outcome: "done" | "no_show";
  now: Date;
}

/**
 * Staff mark a confirmed visit that has begun as done or a no-show, once; the status machine
 * refuses anything else. The master's time stays occupied: it was spent either way. A visit done
 * asks its client for a review later (see `REVIEW_DELAY_MS`).
 */
export const markVisit = defineUseCase("booking.mark", async (trx: Trx, actor: Actor, input: MarkVisitInput): Promise<UseCaseOutcome<BookingOutcome>> => {
  const before = await bookingToChange(trx, actor, input.bookingId, "staff");
  if (before === undefined) return refused("not-found");
  const change = changeStatus(
    { status: before.status, visitStart: before.starts_at },
    { type: input.outcome === "done" ? "mark-done" : "mark-no-show" },
    input.now,
  );
  if (!change.ok) return refused(change.reason);
  const after = await trx
    .updateTable("booking")
    .set({ status: change.status, updated_at: sql`now()` })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, input.now, "marked", before, after);
  await scheduleReviewRequest(trx, after, input.now);
  const booking = presentBooking(after);
  return { result: { ok: true, booking }, audit: { objectType: "booking", objectId: booking.id, before: presentBooking(before), after: booking } };
});
