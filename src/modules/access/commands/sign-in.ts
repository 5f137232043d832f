import { redeemLoginLink, type RedeemRefusal } from "../../../platform/auth/login-links.ts";
import { startSession, type SessionKind, type StartedSession } from "../../../platform/auth/sessions.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { withSavepoint } from "../../../platform/db/savepoint.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import { mayUsePanel } from "../queries/people.ts";
import type { AccessTables } from "../tables.ts";

/** How a person came into the panel: a login link, Telegram's login_url button, or a Mini App. */
export type SignInWay = "link" | "login_url" | "mini_app";

export interface SignInInput {
  kind: SessionKind;
  via: SignInWay;
  userAgent: string | null;
  /** The login link's secret, used up by signing in (for `via: "link"`). */
  linkToken?: string;
}

export type SignInResult = { ok: true; session: StartedSession } | Refusal<RedeemRefusal | "no-role">;

/**
 * Starts a web session for the actor, who has just proved who they are (a login link redeemed
 * here, a signed login_url query, or Mini App initData), unless they hold no role in the bot: then
 * nothing changes and their link is not used up. The audit row names the way in; the session's
 * secret is only in the result, never in the log.
 */
export const signIn = defineCommand("access.sign-in", async (scope: CommandScope<AccessTables>, input: SignInInput) => {
  const { actor, trx, now } = scope;
  if (actor.personId === null) throw new Error("signing in needs the person who signs in");
  const personId = actor.personId;
  const admitted = await withSavepoint(
    trx,
    async (): Promise<SignInResult | { ok: true }> => {
      if (input.linkToken !== undefined) {
        const redeemed = await redeemLoginLink(trx, input.linkToken, now);
        if (!redeemed.ok) return refusal(redeemed.reason);
      }
      return (await mayUsePanel(trx, actor.botId, personId)) ? { ok: true } : refusal("no-role");
    },
    (outcome) => outcome.ok,
  );
  if (!admitted.ok) return { result: admitted as SignInResult, audit: null };
  const session = await startSession(trx, { botId: actor.botId, telegramId: personId, kind: input.kind, via: input.via, userAgent: input.userAgent, ip: actor.ip ?? null }, now);
  return { result: { ok: true, session } as SignInResult, audit: { objectType: "web_session", objectId: session.id, after: { kind: input.kind, via: input.via } } };
});
