/**
 * The secret in a master's iCal feed URL, which their calendar app fetches without signing in.
 *
 * A feed token is a `login_token` row of kind `feed`: only its hash is stored, it has no expiry
 * (a calendar subscription should keep working), a master has at most one live token, and it dies
 * when a new one is issued or when the platform takes the master's access away (`revokeAccess`,
 * on blocking or losing every role).
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { hashSecret, newSecret } from "../../platform/auth/secrets.ts";
import type { PlatformTables } from "../../platform/db/schema.ts";

/** Whose feed a token opens. */
export interface FeedOwner {
  botId: string;
  telegramId: number;
}

/**
 * A new feed secret for a master, replacing (revoking) their previous one, so a leaked URL is
 * closed by issuing a new one. Takes a transaction: a lock on the master's tokens for its length
 * keeps two issues at once from leaving two live tokens.
 */
export async function issueFeedToken(trx: Transaction<PlatformTables>, botId: string, telegramId: number, now: Date = new Date()): Promise<string> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`booking-feed:${botId}:${telegramId}`}, 0))`.execute(trx);
  await trx
    .updateTable("login_token")
    .set({ revoked_at: now })
    .where("bot_id", "=", botId)
    .where("telegram_id", "=", telegramId)
    .where("kind", "=", "feed")
    .where("revoked_at", "is", null)
    .execute();
  const secret = newSecret();
  await trx
    .insertInto("login_token")
    .values({ bot_id: botId, telegram_id: telegramId, kind: "feed", token_hash: hashSecret(secret), expires_at: null, created_at: now })
    .execute();
  return secret;
}

/** Whose feed `secret` opens, or `undefined` for an unknown, replaced or revoked one. */
export async function resolveFeedToken(db: Kysely<PlatformTables> | Transaction<PlatformTables>, secret: string): Promise<FeedOwner | undefined> {
  const token = await db
    .selectFrom("login_token")
    .select(["bot_id", "telegram_id"])
    .where("token_hash", "=", hashSecret(secret))
    .where("kind", "=", "feed")
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return token === undefined ? undefined : { botId: token.bot_id, telegramId: token.telegram_id };
}

/**
 * Where a master's calendar app fetches their feed: `<publicUrl>/api/booking/feed/<secret>.ics`.
 * The path is redacted from logs (see `redactSecrets` in platform/log.ts).
 */
export function feedUrl(publicUrl: string, secret: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/booking/feed/${secret}.ics`;
}
