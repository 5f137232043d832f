import type { Transaction } from "kysely";
import type { Tables, Db, BookingRow } from "../tables.ts";

/** A booking of this bot, locked until the transaction ends so two changes of it queue up. */
export async function lockBooking(trx: Transaction<Tables>, botId: string, bookingId: number): Promise<BookingRow | undefined> {
  return trx.selectFrom("booking").selectAll().where("bot_id", "=", botId).where("id", "=", bookingId).forUpdate().executeTakeFirst();
}

/** The live class session of this service with this master at exactly `start`, locked: its seats are counted under this lock. */
export async function lockClassSession(trx: Transaction<Tables>, masterId: number, serviceId: number, start: Date) {
  return trx
    .selectFrom("booking_class_session")
    .selectAll()
    .where("master_id", "=", masterId)
    .where("service_id", "=", serviceId)
    .where("starts_at", "=", start)
    .where("active", "=", true)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockClassSessionById(trx: Transaction<Tables>, sessionId: number) {
  return trx.selectFrom("booking_class_session").selectAll().where("id", "=", sessionId).forUpdate().executeTakeFirstOrThrow();
}

/** The live occupancy row of a one-client booking (appointment or hold). */
export async function occupancyOfBooking(db: Db, bookingId: number) {
  return db.selectFrom("booking_occupancy").select(["id", "kind"]).where("booking_id", "=", bookingId).where("active", "=", true).executeTakeFirst();
}

/** A booking's history, oldest first. */
export async function historyOf(db: Db, bookingId: number) {
  return db.selectFrom("booking_history").selectAll().where("booking_id", "=", bookingId).orderBy("id").execute();
}

/** A booking row by id, as this transaction sees it (one just written, to tell people about it). */
export async function bookingById(db: Db, bookingId: number): Promise<BookingRow> {
  return db.selectFrom("booking").selectAll().where("id", "=", bookingId).executeTakeFirstOrThrow();
}
