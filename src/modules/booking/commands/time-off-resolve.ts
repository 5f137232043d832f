import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import type { CommandScope } from "../../../platform/commands/command.ts";
import type { TimeOff } from "../domain/time-off.ts";
import { cancelBooking } from "./cancel-booking.ts";
import { rescheduleBooking } from "./reschedule-booking.ts";
import { hitsOfTimeOff, type HitView } from "../queries/time-off-hits.ts";
import type { BookingTables } from "../tables.ts";
import type { RefusalReason } from "../queries/outcome.ts";
import { underSavepoint, WriteRefused } from "../effects/places.ts";

/** What staff chose for one booking in the way: move it to another master at the same time, or cancel it. */
export type HitResolution = { bookingId: number; action: "cancel" } | { bookingId: number; action: "move"; masterId: number };

/** What every time-off command is given besides its own fields. */
export interface TimeOffInput {
  /** One per booking in the way; without them a time off that hits bookings is refused with the list. */
  resolutions?: readonly HitResolution[];
}

/**
 * Why a time off changed nothing: it hits bookings nobody said what to do with (`hits` lists
 * them); moving or cancelling one was refused (`why`, e.g. the other master was just booked);
 * something else holds the blocked time (`taken`, e.g. a waitlist offer); the master, the day or
 * the entry is not this bot's (`not-found`); or the days, hours, times or note cannot be used.
 */
export type TimeOffRefused =
  | { ok: false; reason: "hits-bookings"; hits: HitView[] }
  | { ok: false; reason: "resolution-refused"; bookingId: number; why: RefusalReason }
  | { ok: false; reason: "taken" | "not-found" | "days-invalid" | "hours-invalid" | "range-invalid" | "reason-too-long" };

export type TimeOffOutcome<T> = { ok: true; value: T; moved: number; cancelled: number } | TimeOffRefused;

/** A refusal that wrote nothing, so no audit row. */
export function timeOffRefused(reason: Extract<TimeOffRefused, { reason: "taken" | "not-found" | "days-invalid" | "hours-invalid" | "range-invalid" | "reason-too-long" }>["reason"]): UseCaseOutcome<TimeOffRefused> {
  return { result: { ok: false, reason }, audit: null };
}

/**
 * Puts a time off in place once the bookings it hits are out of the way. Refuses, writing
 * nothing, while any hit has no resolution. Otherwise, under one savepoint: each hit is moved
 * (the staff reschedule command, same time, to the named master; the engine re-checks him) or
 * cancelled (the staff cancel command), each telling its client and masters in this
 * transaction, then `write` stores the time off. A refused move, or a block the exclusion
 * constraint refuses, undoes all of it, notices included: all or nothing. Resolutions of
 * bookings that are not hit are ignored.
 */
export async function clearTheWay<T>(scope: CommandScope<BookingTables>, input: TimeOffInput & { timeOff: TimeOff }, write: () => Promise<T>): Promise<TimeOffOutcome<T>> {
  const { trx, actor, now } = scope;
  await lockSchedulesOf(scope, input.timeOff);
  const hits = await hitsOfTimeOff(trx, actor.botId, input.timeOff, now);
  const chosen = new Map((input.resolutions ?? []).map((resolution) => [resolution.bookingId, resolution]));
  if (hits.some((hit) => !chosen.has(hit.bookingId))) return { ok: false, reason: "hits-bookings", hits };
  let failed: { bookingId: number; why: RefusalReason } | undefined;
  let moved = 0;
  let cancelled = 0;
  const written = await underSavepoint(trx, async () => {
    for (const hit of hits) {
      const resolution = chosen.get(hit.bookingId)!;
      const before = await trx.selectFrom("booking").selectAll().where("id", "=", hit.bookingId).executeTakeFirstOrThrow();
      const outcome =
        resolution.action === "move"
          ? await scope.run(rescheduleBooking, { bookingId: hit.bookingId, by: "staff", start: before.starts_at, masterId: resolution.masterId })
          : await scope.run(cancelBooking, { bookingId: hit.bookingId, by: "staff" });
      if (!outcome.ok) {
        failed = { bookingId: hit.bookingId, why: outcome.reason };
        throw new WriteRefused("resolution-refused");
      }
      if (resolution.action === "move") moved += 1;
      else cancelled += 1;
    }
    return write();
  });
  if (written.ok) return { ok: true, value: written.value, moved, cancelled };
  if (failed !== undefined) return { ok: false, reason: "resolution-refused", ...failed };
  return { ok: false, reason: "taken" };
}

/**
 * Locks the rows of the masters whose hours the time off changes (every master of the bot for a
 * holiday), in id order, until the transaction ends: bookings of theirs wait in `loadOffer`, so
 * none is decided on the old hours after the hits were read.
 */
async function lockSchedulesOf(scope: CommandScope<BookingTables>, timeOff: TimeOff): Promise<void> {
  let masters = scope.trx.selectFrom("booking_master").select("id").where("bot_id", "=", scope.actor.botId);
  if (timeOff.kind !== "holiday") masters = masters.where("id", "=", Number(timeOff.masterId));
  await masters.orderBy("id").forUpdate().execute();
}

/** A command's answer from {@link clearTheWay}: audited when it went through, nothing written when refused. */
export function audited<T>(outcome: TimeOffOutcome<T>, audit: (value: T) => { objectType: string; objectId: string | number; before?: unknown; after?: unknown }): UseCaseOutcome<TimeOffOutcome<T>> {
  return { result: outcome, audit: outcome.ok ? audit(outcome.value) : null };
}
