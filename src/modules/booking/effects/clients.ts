import { sql, type Transaction } from "kysely";
import { clientByPhone, clientByTelegram } from "../queries/clients.ts";
import { type ClientRow, type Tables } from "../tables.ts";

type Trx = Transaction<Tables>;

/**
 * The client record of a Telegram user, created on their first booking. When they give a phone
 * that a phone-only client (a walk-in staff entered) already has, that record becomes theirs:
 * linked when they had none, merged into theirs (bookings moved, nothing deleted) when they had
 * one. A phone that belongs to another Telegram user is not taken over.
 */
export async function clientForTelegram(trx: Trx, botId: string, person: { telegramId: number; name: string; phone?: string }): Promise<ClientRow> {
  const own = await clientByTelegram(trx, botId, person.telegramId);
  const byPhone = person.phone === undefined ? undefined : await clientByPhone(trx, botId, person.phone);
  const walkIn = byPhone !== undefined && byPhone.telegram_id === null ? byPhone : undefined;
  const phoneFree = byPhone === undefined;

  if (own === undefined && walkIn !== undefined) {
    return trx
      .updateTable("booking_client")
      .set({ telegram_id: person.telegramId, updated_at: sql`now()` })
      .where("id", "=", walkIn.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  if (own === undefined) {
    return trx
      .insertInto("booking_client")
      .values({ bot_id: botId, telegram_id: person.telegramId, name: person.name, phone: phoneFree ? (person.phone ?? null) : null })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  if (person.phone === undefined || own.phone === person.phone || (!phoneFree && walkIn === undefined)) return own;
  if (walkIn !== undefined) {
    await trx.updateTable("booking").set({ client_id: own.id }).where("client_id", "=", walkIn.id).execute();
    await trx.updateTable("booking_client").set({ phone: null, merged_into: own.id, updated_at: sql`now()` }).where("id", "=", walkIn.id).execute();
  }
  return trx
    .updateTable("booking_client")
    .set({ phone: person.phone, updated_at: sql`now()` })
    .where("id", "=", own.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The client with this phone, or a new phone-only client (a walk-in or a phone call). */
export async function clientForPhone(trx: Trx, botId: string, person: { phone: string; name: string }): Promise<ClientRow> {
  const known = await clientByPhone(trx, botId, person.phone);
  if (known !== undefined) return known;
  return trx
    .insertInto("booking_client")
    .values({ bot_id: botId, telegram_id: null, name: person.name, phone: person.phone })
    .returningAll()
    .executeTakeFirstOrThrow();
}
