import type { Selectable, Transaction } from "kysely";
import { withSavepoint } from "../../../platform/db/savepoint.ts";
import type { BookingDecision } from "../domain/decide-booking.ts";
import type { TimeRange } from "../domain/occupancy.ts";
import { insertOccupancy, releaseOccupancy } from "./occupancy.ts";
import { lockClassSessionById } from "../queries/bookings.ts";
import { type BookingRow, type ClassSessionTable, type Tables } from "../tables.ts";

type Trx = Transaction<Tables>;

/** SQLSTATE of an exclusion-constraint violation: the overlap the occupancy table refuses. */
export const EXCLUSION_VIOLATION = "23P01";
/** SQLSTATE of a unique violation: another transaction created the same client or class session first. */
export const UNIQUE_VIOLATION = "23505";

export function sqlStateOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** Thrown inside {@link underSavepoint} to undo what was written and answer with `reason`. */
export class WriteRefused extends Error {
  override name = "WriteRefused";
  readonly reason: string;
  constructor(reason: string) {
    super(`booking write refused: ${reason}`);
    this.reason = reason;
  }
}

/**
 * What became of the writes: done, or undone because the time was taken meanwhile (`taken`),
 * another transaction created the same row first (`retry`: run the use case's steps again), or
 * a {@link WriteRefused} reason.
 */
export type Written<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Runs `write` under a savepoint. A failed statement aborts a PostgreSQL transaction, so an
 * overlap the exclusion constraint refuses (23P01) would otherwise end the use case with an
 * error; rolled back to the savepoint, the transaction stays usable, nothing `write` did
 * remains, and the use case answers with a refusal. Other errors propagate.
 */
export async function underSavepoint<T>(trx: Trx, write: () => Promise<T>): Promise<Written<T>> {
  try {
    return { ok: true, value: await withSavepoint(trx, write) };
  } catch (error) {
    const state = sqlStateOf(error);
    const reason = error instanceof WriteRefused ? error.reason : state === EXCLUSION_VIOLATION ? "taken" : state === UNIQUE_VIOLATION ? "retry" : undefined;
    if (reason === undefined) throw error;
    return { ok: false, reason };
  }
}

type Accepted = Extract<BookingDecision, { ok: true }>;

/**
 * Takes a seat in a class for an accepted decision: in `session` (locked by the caller before the
 * engine counted its seats), or in a new session with its occupancy when none is open at that
 * time. Returns the session's id. The seat count is checked again in SQL as a last guard.
 */
export async function takeClassSeat(
  trx: Trx,
  input: { botId: string; masterId: number; serviceId: number; decision: Accepted; session: Selectable<ClassSessionTable> | undefined },
): Promise<number> {
  const { decision, session } = input;
  if (session !== undefined) {
    const taken = await trx
      .updateTable("booking_class_session")
      .set((eb) => ({ seats_taken: eb("seats_taken", "+", 1) }))
      .where("id", "=", session.id)
      .whereRef("seats_taken", "<", "capacity")
      .returning("id")
      .executeTakeFirst();
    if (taken === undefined) throw new WriteRefused("full");
    return session.id;
  }
  const capacity = decision.occupancy.kind === "class" ? decision.occupancy.session.capacity : 1;
  const { id } = await trx
    .insertInto("booking_class_session")
    .values({
      bot_id: input.botId,
      service_id: input.serviceId,
      master_id: input.masterId,
      starts_at: decision.visit.start,
      ends_at: decision.visit.end,
      capacity,
      seats_taken: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await insertOccupancy(trx, {
    botId: input.botId,
    masterId: input.masterId,
    range: decision.occupancy,
    kind: "class",
    bookingId: null,
    classSessionId: id,
    expiresAt: null,
  });
  return id;
}

/** The occupancy of a one-client booking: an appointment, or a hold until `holdExpiresAt` while the client pays. */
export async function occupyForBooking(
  trx: Trx,
  input: { botId: string; masterId: number; range: TimeRange; bookingId: number; holdExpiresAt: Date | null },
): Promise<void> {
  await insertOccupancy(trx, {
    botId: input.botId,
    masterId: input.masterId,
    range: input.range,
    kind: input.holdExpiresAt === null ? "appointment" : "hold",
    bookingId: input.bookingId,
    classSessionId: null,
    expiresAt: input.holdExpiresAt,
  });
}

/**
 * Gives a booking's place back: its occupancy, or its seat in a class (the session and its
 * occupancy end with the last seat, so another session may open at that time).
 */
export async function givePlaceBack(trx: Trx, booking: BookingRow, now: Date): Promise<void> {
  if (booking.class_session_id === null) {
    await releaseOccupancy(trx, { bookingId: booking.id }, now);
    return;
  }
  const session = await lockClassSessionById(trx, booking.class_session_id);
  const seatsTaken = Math.max(0, session.seats_taken - 1);
  await trx
    .updateTable("booking_class_session")
    .set({ seats_taken: seatsTaken, ...(seatsTaken === 0 ? { active: false } : {}) })
    .where("id", "=", session.id)
    .execute();
  if (seatsTaken === 0) await releaseOccupancy(trx, { classSessionId: session.id }, now);
}
