import { sql, type Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { timeRange, type Tables } from "../repo.ts";
import { lockMaster, MAX_REASON_LENGTH } from "./days-off.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

type Trx = Transaction<Tables>;

/** A block longer than this is a vacation: give days off instead. */
export const MAX_BLOCK_DAYS = 31;
const DAY_MS = 86_400_000;

export interface BlockTimeInput extends TimeOffInput {
  masterId: number;
  start: Date;
  end: Date;
  reason?: string | null;
}

/**
 * Takes `start`-`end` out of a master's day (a meeting, a dentist, training): an occupancy of
 * kind `block`, so the exclusion constraint keeps bookings out of it from then on. Bookings it
 * overlaps (buffers included) are listed in the refusal until each has a move or a cancel; then
 * they go first and the block after, in one transaction. Something else in the way that is not
 * a booking (a slot offered from the waitlist) refuses it as `taken`.
 */
export const blockTime = defineUseCase("booking.block", async (trx: Trx, actor: Actor, input: BlockTimeInput): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  const length = input.end.getTime() - input.start.getTime();
  if (!(length > 0 && length <= MAX_BLOCK_DAYS * DAY_MS) || input.end.getTime() <= input.now.getTime()) return timeOffRefused("range-invalid");
  if ((input.reason ?? "").length > MAX_REASON_LENGTH) return timeOffRefused("reason-too-long");
  if ((await lockMaster(trx, actor.botId, input.masterId)) === undefined) return timeOffRefused("not-found");
  const range = { start: input.start, end: input.end };
  const outcome = await clearTheWay(trx, actor, { ...input, timeOff: { kind: "block", masterId: String(input.masterId), range } }, () =>
    trx
      .insertInto("booking_occupancy")
      .values({
        bot_id: actor.botId,
        master_id: input.masterId,
        during: timeRange(range),
        kind: "block",
        booking_id: null,
        class_session_id: null,
        expires_at: null,
        reason: input.reason ?? null,
        created_by: actor.personId,
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return audited(outcome, ({ id }) => ({
    objectType: "booking_block",
    objectId: id,
    after: { masterId: input.masterId, start: input.start.toISOString(), end: input.end.toISOString(), reason: input.reason ?? null },
  }));
});

/** Gives a block's time back to the master (the row stays, released); it can be booked again. */
export const unblockTime = defineUseCase("booking.unblock", async (trx: Trx, actor: Actor, input: { id: number; now: Date }): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  const row = await trx
    .updateTable("booking_occupancy")
    .set({ active: false, released_at: input.now })
    .where("id", "=", input.id)
    .where("bot_id", "=", actor.botId)
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
