import type { Transaction } from "kysely";
import type { Tables, Db, ClientRow } from "../tables.ts";

export async function clientByTelegram(db: Db, botId: string, telegramId: number): Promise<ClientRow | undefined> {
  return db.selectFrom("booking_client").selectAll().where("bot_id", "=", botId).where("telegram_id", "=", telegramId).executeTakeFirst();
}

export async function clientByPhone(db: Db, botId: string, phone: string): Promise<ClientRow | undefined> {
  return db.selectFrom("booking_client").selectAll().where("bot_id", "=", botId).where("phone", "=", phone).executeTakeFirst();
}

/** Locks a client's row until the transaction ends, so two bookings of one client count each other. */
export async function lockClient(trx: Transaction<Tables>, clientId: number): Promise<ClientRow | undefined> {
  return trx.selectFrom("booking_client").selectAll().where("id", "=", clientId).forUpdate().executeTakeFirst();
}

/** A client's bookings still to come that count against their limit (pending or confirmed). */
export async function upcomingBookingCount(db: Db, clientId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom("booking")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("client_id", "=", clientId)
    .where("status", "in", ["pending", "confirmed"])
    .where("ends_at", ">", now)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function clientOf(db: Db, clientId: number): Promise<ClientRow | undefined> {
  return db.selectFrom("booking_client").selectAll().where("id", "=", clientId).executeTakeFirst();
}
