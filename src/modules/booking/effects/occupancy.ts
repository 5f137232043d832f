import { sql, type Transaction } from "kysely";
import type { OccupancyKind, TimeRange } from "../domain/occupancy.ts";
import type { Tables } from "../tables.ts";

/** A `tstzrange` literal for an insert, start included and end excluded. */
export function timeRange(range: TimeRange) {
  return sql<string>`tstzrange(${range.start}, ${range.end}, '[)')`;
}

/** Gives a booking's or a class session's time back; the rows stay, with when they were released. */
export async function releaseOccupancy(trx: Transaction<Tables>, of: { bookingId: number } | { classSessionId: number }, now: Date): Promise<void> {
  let query = trx.updateTable("booking_occupancy").set({ active: false, released_at: now }).where("active", "=", true);
  query = "bookingId" in of ? query.where("booking_id", "=", of.bookingId) : query.where("class_session_id", "=", of.classSessionId);
  await query.execute();
}

export async function insertOccupancy(
  trx: Transaction<Tables>,
  row: { botId: string; masterId: number; range: TimeRange; kind: OccupancyKind; bookingId: number | null; classSessionId: number | null; expiresAt: Date | null },
): Promise<number> {
  const { id } = await trx
    .insertInto("booking_occupancy")
    .values({
      bot_id: row.botId,
      master_id: row.masterId,
      during: timeRange(row.range),
      kind: row.kind,
      booking_id: row.bookingId,
      class_session_id: row.classSessionId,
      expires_at: row.expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
