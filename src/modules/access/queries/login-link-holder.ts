import { hashSecret } from "../../../platform/auth/secrets.ts";
import type { Reads } from "./reads.ts";

/** Whose login link a token is (used or not), so a flood against one person can stop before it burns anything. */
export async function loginLinkHolder(db: Reads, token: string): Promise<{ botId: string; telegramId: number } | undefined> {
  const row = await db.selectFrom("login_token").select(["bot_id", "telegram_id"]).where("token_hash", "=", hashSecret(token)).where("kind", "=", "link").executeTakeFirst();
  return row === undefined ? undefined : { botId: row.bot_id, telegramId: row.telegram_id };
}
