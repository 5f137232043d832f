import type { Kysely, Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";

/**
 * Makes the configured owners (and only they) the bot's config-granted owners. Owners granted
 * by another owner (granted_by set) are left alone.
 */
export async function syncConfiguredOwners(db: Kysely<PlatformTables> | Transaction<PlatformTables>, botId: string, ownerIds: readonly number[]): Promise<void> {
  let removal = db.deleteFrom("role").where("bot_id", "=", botId).where("role", "=", "owner").where("granted_by", "is", null);
  if (ownerIds.length > 0) removal = removal.where("telegram_id", "not in", ownerIds);
  await removal.execute();
  if (ownerIds.length === 0) return;
  await db
    .insertInto("role")
    .values(ownerIds.map((telegramId) => ({ bot_id: botId, telegram_id: telegramId, role: "owner", granted_by: null })))
    .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id", "role"]).doNothing())
    .execute();
}

/** Everyone holding any role in the bot, with their roles. */
export async function staffOf(db: Kysely<PlatformTables>, botId: string): Promise<Map<number, Set<string>>> {
  const rows = await db.selectFrom("role").select(["telegram_id", "role"]).where("bot_id", "=", botId).execute();
  const staff = new Map<number, Set<string>>();
  for (const row of rows) {
    const roles = staff.get(row.telegram_id) ?? new Set<string>();
    roles.add(row.role);
    staff.set(row.telegram_id, roles);
  }
  return staff;
}

/** The roles a person holds in a bot now. */
export async function rolesOf(db: Kysely<PlatformTables> | Transaction<PlatformTables>, botId: string, telegramId: number): Promise<string[]> {
  const rows = await db.selectFrom("role").select("role").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).execute();
  return rows.map((row) => row.role);
}
