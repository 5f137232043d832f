import { personName } from "../../../platform/domain/names.ts";
import type { Reads } from "./reads.ts";

/** People the bot speaks to in their own language: chosen language and Telegram's. */
export interface Addressee {
  telegramId: number;
  language: string | null;
  languageCode: string | null;
  name: string;
}

/** How people are named to staff: first and last name, and @username when there is one. */
export function displayName(row: { first_name: string | null; last_name: string | null; username: string | null; telegram_id: number }): string {
  const name = personName(row.first_name, row.last_name);
  const handle = row.username === null ? "" : ` @${row.username}`;
  return `${name === "" ? String(row.telegram_id) : name}${handle}`;
}

/** The people with these ids, in the bot's eyes; someone the bot never met has no languages and their id as name. */
export async function addresseesOf(db: Reads, botId: string, telegramIds: readonly number[]): Promise<Addressee[]> {
  if (telegramIds.length === 0) return [];
  const rows = await db
    .selectFrom("person")
    .leftJoin("bot_member", (join) => join.onRef("bot_member.telegram_id", "=", "person.telegram_id").on("bot_member.bot_id", "=", botId))
    .select(["person.telegram_id", "person.first_name", "person.last_name", "person.username", "person.language_code", "bot_member.language"])
    .where("person.telegram_id", "in", [...telegramIds])
    .execute();
  return [...new Set(telegramIds)].map((telegramId) => {
    const row = rows.find((candidate) => candidate.telegram_id === telegramId);
    if (row === undefined) return { telegramId, language: null, languageCode: null, name: String(telegramId) };
    return { telegramId, language: row.language, languageCode: row.language_code, name: displayName(row) };
  });
}

/** A person's name as staff see it; when the bot never met them, `unmet` (their id without it). */
export async function nameOf(db: Reads, telegramId: number, unmet = String(telegramId)): Promise<string> {
  const row = await db.selectFrom("person").select(["telegram_id", "first_name", "last_name", "username"]).where("telegram_id", "=", telegramId).executeTakeFirst();
  return row === undefined ? unmet : displayName(row);
}

/** Everyone holding one of `roles` in the bot. */
export async function holdersOf(db: Reads, botId: string, roles: readonly string[]): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db.selectFrom("role").select("telegram_id").distinct().where("bot_id", "=", botId).where("role", "in", [...roles]).execute();
  return rows.map((row) => row.telegram_id);
}

export async function ownerCount(db: Reads, botId: string): Promise<number> {
  const row = await db
    .selectFrom("role")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("bot_id", "=", botId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function isBlockedFromAccess(db: Reads, botId: string, telegramId: number): Promise<boolean> {
  const row = await db.selectFrom("access_block").select("telegram_id").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether a person may open the panel of a bot: they hold a role there. Blocking takes every
 * role away at once (see revokeAccess), so a blocked person fails this too.
 */
export async function mayUsePanel(db: Reads, botId: string, telegramId: number): Promise<boolean> {
  const role = await db.selectFrom("role").select("role").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).limit(1).executeTakeFirst();
  return role !== undefined;
}
