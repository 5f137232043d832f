import { sql, type Kysely, type Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import type { PanelLanguageFacts } from "../i18n/panel-language.ts";
import { hashSecret, newSecret } from "./secrets.ts";

type Db = Kysely<PlatformTables> | Transaction<PlatformTables>;

/** How long a session lives without use, and at most. */
export const SESSION_LIMITS = {
  cookie: { idleMs: 2 * 60 * 60 * 1000, absoluteMs: 7 * 24 * 60 * 60 * 1000 },
  // A Mini App asks again with fresh initData when its token runs out.
  bearer: { idleMs: 60 * 60 * 1000, absoluteMs: 60 * 60 * 1000 },
} as const;

/** Touching last_seen_at on every request would be a write per request; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export type SessionKind = keyof typeof SESSION_LIMITS;

export interface NewSession {
  botId: string;
  telegramId: number;
  kind: SessionKind;
  /** How the person signed in: `link`, `login_url`, `mini_app`. */
  via: string;
  userAgent: string | null;
  ip: string | null;
}

export interface StartedSession {
  id: number;
  /** Goes into the cookie or the bearer token; the database keeps only its hash. */
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function startSession(trx: Db, session: NewSession, now: Date = new Date()): Promise<StartedSession> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_LIMITS[session.kind].absoluteMs);
  const row = await trx
    .insertInto("web_session")
    .values({
      secret_hash: hashSecret(secret),
      csrf_token: csrfToken,
      kind: session.kind,
      via: session.via,
      bot_id: session.botId,
      telegram_id: session.telegramId,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
      ip: session.ip,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, secret, csrfToken, expiresAt };
}

/** A live session: who it is, and the roles they hold now (read fresh, so a revoked role bites at once). */
export interface LiveSession {
  id: number;
  kind: SessionKind;
  botId: string;
  telegramId: number;
  csrfToken: string;
  roles: string[];
  /** What decides the language the panel speaks to them (see panelLanguageOfRequest). */
  panelLanguage: PanelLanguageFacts;
}

/** The session a secret opens, if it is live (not ended, not expired, not idle too long). */
export async function resolveSession(db: Kysely<PlatformTables>, secret: string, now: Date = new Date()): Promise<LiveSession | undefined> {
  const row = await db
    .selectFrom("web_session")
    .innerJoin("bot", "bot.id", "web_session.bot_id")
    .leftJoin("bot_member", (join) => join.onRef("bot_member.bot_id", "=", "web_session.bot_id").onRef("bot_member.telegram_id", "=", "web_session.telegram_id"))
    .leftJoin("person", "person.telegram_id", "web_session.telegram_id")
    .select([
      "web_session.id",
      "web_session.kind",
      "web_session.bot_id",
      "web_session.telegram_id",
      "web_session.csrf_token",
      "web_session.last_seen_at",
      "web_session.expires_at",
      "web_session.ended_at",
      "bot.settings",
      "bot_member.panel_language",
      "person.language_code",
    ])
    .where("web_session.secret_hash", "=", hashSecret(secret))
    .executeTakeFirst();
  if (row === undefined || row.ended_at !== null) return undefined;
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (new Date(row.expires_at).getTime() <= now.getTime()) return undefined;
  if (lastSeen + SESSION_LIMITS[row.kind].idleMs <= now.getTime()) return undefined;
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
    await db.updateTable("web_session").set({ last_seen_at: now }).where("id", "=", row.id).execute();
  }
  const roles = await db.selectFrom("role").select("role").where("bot_id", "=", row.bot_id).where("telegram_id", "=", row.telegram_id).execute();
  return {
    id: row.id,
    kind: row.kind,
    botId: row.bot_id,
    telegramId: row.telegram_id,
    csrfToken: row.csrf_token,
    roles: roles.map((role) => role.role),
    panelLanguage: { chosen: row.panel_language, telegramLanguage: row.language_code, botLanguages: row.settings.languages },
  };
}

export interface SessionSummary {
  id: number;
  telegramId: number;
  kind: SessionKind;
  via: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
}

/** Live sessions of a bot, or of one person in it, most recently used first. */
export async function listSessions(db: Db, botId: string, telegramId?: number, now: Date = new Date()): Promise<SessionSummary[]> {
  let query = db
    .selectFrom("web_session")
    .select(["id", "telegram_id", "kind", "via", "user_agent", "ip", "created_at", "last_seen_at"])
    .where("bot_id", "=", botId)
    .where("ended_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc");
  if (telegramId !== undefined) query = query.where("telegram_id", "=", telegramId);
  const rows = await query.execute();
  return rows
    .filter((row) => new Date(row.last_seen_at).getTime() + SESSION_LIMITS[row.kind].idleMs > now.getTime())
    .map((row) => ({
      id: row.id,
      telegramId: row.telegram_id,
      kind: row.kind,
      via: row.via,
      userAgent: row.user_agent,
      ip: row.ip,
      createdAt: new Date(row.created_at).toISOString(),
      lastSeenAt: new Date(row.last_seen_at).toISOString(),
    }));
}

/** Ends sessions of a bot: one (`id`), or all of a person's; returns the ids ended. */
export async function endSessions(trx: Db, where: { botId: string; id?: number; telegramId?: number }, reason: string): Promise<number[]> {
  let query = trx
    .updateTable("web_session")
    .set({ ended_at: sql<Date>`now()`, ended_reason: reason })
    .where("bot_id", "=", where.botId)
    .where("ended_at", "is", null);
  if (where.id !== undefined) query = query.where("id", "=", where.id);
  if (where.telegramId !== undefined) query = query.where("telegram_id", "=", where.telegramId);
  const rows = await query.returning("id").execute();
  return rows.map((row) => row.id);
}
