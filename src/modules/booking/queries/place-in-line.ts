import { sql, type Transaction } from "kysely";
import type { Tables } from "../tables.ts";

type Trx = Transaction<Tables>;

/** The client's place in line, for the confirmation they see: 1 is first. */
export async function placeInLine(trx: Trx, botId: string, entryId: number): Promise<number> {
  const entry = await trx.selectFrom("booking_waitlist").select([sql<string>`date::text`.as("date")]).where("id", "=", entryId).executeTakeFirstOrThrow();
  const row = await trx
    .selectFrom("booking_waitlist")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("date", "=", entry.date)
    .where("status", "=", "waiting")
    .where("id", "<=", entryId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
