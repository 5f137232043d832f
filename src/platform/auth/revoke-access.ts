import type { Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { revokeTokens } from "./login-links.ts";
import { endSessions } from "./sessions.ts";

export interface RevokedAccess {
  sessions: number;
  tokens: number;
  roles: string[];
}

/**
 * Takes everything away from a person in one bot at once: every session and bearer token,
 * unused login link, feed token and role. Blocking a person calls it inside its transaction.
 */
export async function revokeAccess(trx: Transaction<PlatformTables>, botId: string, telegramId: number, reason: string): Promise<RevokedAccess> {
  const sessions = await endSessions(trx, { botId, telegramId }, reason);
  const tokens = await revokeTokens(trx, botId, telegramId);
  const roles = await trx.deleteFrom("role").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).returning("role").execute();
  return { sessions: sessions.length, tokens, roles: roles.map((row) => row.role) };
}
