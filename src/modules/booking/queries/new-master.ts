import { personName } from "../../../platform/domain/names.ts";
import type { Db } from "../tables.ts";

/**
 * What a master record made for a person would be: their name as Telegram gives it, at the bot's
 * first open location; undefined when the salon has no open location yet.
 */
export async function newMasterFor(db: Db, botId: string, telegramId: number): Promise<{ name: string; locationId: number; telegramId: number } | undefined> {
  const location = await db.selectFrom("booking_location").select("id").where("bot_id", "=", botId).where("active", "=", true).orderBy("id").executeTakeFirst();
  if (location === undefined) return undefined;
  const person = await db.selectFrom("person").select(["first_name", "last_name"]).where("telegram_id", "=", telegramId).executeTakeFirst();
  return { name: person === undefined ? String(telegramId) : personName(person.first_name, person.last_name), locationId: location.id, telegramId };
}
