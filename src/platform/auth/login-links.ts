import { sql, type Kysely, type Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { hashSecret, newSecret } from "./secrets.ts";

type Db = Kysely<PlatformTables> | Transaction<PlatformTables>;

export const LOGIN_LINK_TTL_MS = 10 * 60 * 1000;

/** A new one-time login link secret for a person; only its hash is stored. */
export async function issueLoginLink(trx: Db, botId: string, telegramId: number, now: Date = new Date(), ttlMs = LOGIN_LINK_TTL_MS): Promise<string> {
  const secret = newSecret();
  await trx
    .insertInto("login_token")
    .values({ bot_id: botId, telegram_id: telegramId, kind: "link", token_hash: hashSecret(secret), expires_at: new Date(now.getTime() + ttlMs), created_at: now })
    .execute();
  return secret;
}

export type RedeemRefusal = "unknown" | "used" | "expired";

/**
 * Uses a login link up: one statement marks it used only if it is unused, unrevoked and
 * unexpired, so two concurrent redeems cannot both win.
 */
export async function redeemLoginLink(
  trx: Db,
  secret: string,
  now: Date = new Date(),
): Promise<{ ok: true; botId: string; telegramId: number } | { ok: false; reason: RedeemRefusal }> {
  const hash = hashSecret(secret);
  const used = await trx
    .updateTable("login_token")
    .set({ used_at: now })
    .where("token_hash", "=", hash)
    .where("kind", "=", "link")
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["bot_id", "telegram_id"])
    .executeTakeFirst();
  if (used !== undefined) return { ok: true, botId: used.bot_id, telegramId: used.telegram_id };
  const token = await trx.selectFrom("login_token").select(["used_at", "revoked_at"]).where("token_hash", "=", hash).where("kind", "=", "link").executeTakeFirst();
  if (token === undefined) return { ok: false, reason: "unknown" };
  return { ok: false, reason: token.used_at !== null || token.revoked_at !== null ? "used" : "expired" };
}

/** Revokes a person's unused links and feed tokens (blocking, role loss). */
export async function revokeTokens(trx: Db, botId: string, telegramId: number): Promise<number> {
  const result = await trx
    .updateTable("login_token")
    .set({ revoked_at: sql<Date>`now()` })
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", telegramId)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("kind", "=", "feed"), eb("used_at", "is", null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
