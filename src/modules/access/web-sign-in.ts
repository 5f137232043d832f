import type { Kysely, Transaction } from "kysely";
import { defineUseCase } from "../../platform/audit/use-case.ts";
import { issueLoginLink } from "../../platform/auth/login-links.ts";
import { endSessions, startSession, type SessionKind, type StartedSession } from "../../platform/auth/sessions.ts";
import type { PlatformTables } from "../../platform/db/schema.ts";

type Trx = Transaction<PlatformTables>;

/** How a person came into the panel: a login link, Telegram's login_url button, or a Mini App. */
export type SignInWay = "link" | "login_url" | "mini_app";

/**
 * Whether a person may open the panel of a bot: they hold a role there. Blocking takes every
 * role away at once (see revokeAccess), so a blocked person fails this too.
 */
export async function mayUsePanel(db: Kysely<PlatformTables> | Trx, botId: string, telegramId: number): Promise<boolean> {
  const role = await db.selectFrom("role").select("role").where("bot_id", "=", botId).where("telegram_id", "=", telegramId).limit(1).executeTakeFirst();
  return role !== undefined;
}

/**
 * Starts a web session for the actor, who has just proved who they are (a redeemed link, a
 * signed login_url query, or Mini App initData). The audit row names the way in; the session's
 * secret is only in the result, never in the log.
 */
export const signIn = defineUseCase(
  "access.sign-in",
  async (trx: Trx, actor, input: { kind: SessionKind; via: SignInWay; userAgent: string | null }) => {
    if (actor.personId === null) throw new Error("signing in needs the person who signs in");
    const session: StartedSession = await startSession(trx, { botId: actor.botId, telegramId: actor.personId, kind: input.kind, via: input.via, userAgent: input.userAgent, ip: actor.ip ?? null });
    return { result: session, audit: { objectType: "web_session", objectId: session.id, after: { kind: input.kind, via: input.via } } };
  },
);

/** Ends the session a person is signed in with ("Sign out"). */
export const signOut = defineUseCase("access.sign-out", async (trx: Trx, actor, input: { sessionId: number }) => {
  const ended = await endSessions(trx, { botId: actor.botId, id: input.sessionId }, "signed out");
  if (ended.length === 0) return { result: false, audit: null };
  return { result: true, audit: { objectType: "web_session", objectId: input.sessionId } };
});

/**
 * A one-time sign-in link printed on the console, for the sandbox's simulated owner: the first
 * way into the panel without a default password. The URL carries the secret in its fragment.
 */
export const issueConsoleSignInLink = defineUseCase(
  "access.link.console",
  async (trx: Trx, actor, input: { telegramId: number; publicUrl: string }) => {
    const secret = await issueLoginLink(trx, actor.botId, input.telegramId);
    return { result: `${input.publicUrl}/login#token=${secret}`, audit: { objectType: "person", objectId: input.telegramId } };
  },
);
