import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { MAX_BLOCK_DAYS, MAX_REASON_LENGTH } from "../domain/time-off.ts";
import { lockMaster } from "../queries/master-checks.ts";
import { timeRange } from "../effects/occupancy.ts";
import { type BookingTables } from "../tables.ts";
import { audited, clearTheWay, timeOffRefused, type TimeOffInput, type TimeOffOutcome } from "./time-off-resolve.ts";

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
export const blockTime = defineCommand("booking.block", async (scope: CommandScope<BookingTables>, input: BlockTimeInput): Promise<UseCaseOutcome<TimeOffOutcome<{ id: number }>>> => {
  const { trx, actor } = scope;
  const start = new Date(input.start);
  const end = new Date(input.end);
  const length = end.getTime() - start.getTime();
  if (!(length > 0 && length <= MAX_BLOCK_DAYS * DAY_MS) || end.getTime() <= scope.now.getTime()) return timeOffRefused("range-invalid");
  if ((input.reason ?? "").length > MAX_REASON_LENGTH) return timeOffRefused("reason-too-long");
  if ((await lockMaster(trx, actor.botId, input.masterId)) === undefined) return timeOffRefused("not-found");
  const range = { start, end };
  const outcome = await clearTheWay(scope, { ...input, timeOff: { kind: "block", masterId: String(input.masterId), range } }, () =>
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
    after: { masterId: input.masterId, start: start.toISOString(), end: end.toISOString(), reason: input.reason ?? null },
  }));
});
