import type { Db } from "../tables.ts";
import { staffBooking, type StaffBooking } from "./staff-calendar.ts";

/** A master's bookings that have not ended and still stand (pending or confirmed), earliest first. */
export async function upcomingBookingsOf(db: Db, botId: string, masterId: number, now: Date): Promise<StaffBooking[]> {
  const rows = await db
    .selectFrom("booking")
    .select("id")
    .where("bot_id", "=", botId)
    .where("master_id", "=", masterId)
    .where("status", "in", ["pending", "confirmed"])
    .where("ends_at", ">", now)
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
  const bookings: StaffBooking[] = [];
  for (const { id } of rows) {
    const booking = await staffBooking(db, botId, id);
    if (booking !== undefined) bookings.push(booking);
  }
  return bookings;
}
