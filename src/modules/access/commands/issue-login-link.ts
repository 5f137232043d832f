import type { Transaction } from "kysely";
import { issueLoginLink as issueLoginSecret, LOGIN_LINK_TTL_MS } from "../../../platform/auth/login-links.ts";
import { hitRateLimit } from "../../../platform/auth/rate-limit.ts";
import { rolesOf } from "../../../platform/auth/roles.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { PlatformTables } from "../../../platform/db/schema.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import { loginKeyboard } from "../effects/applicant-notice.ts";
import { isBlockedFromAccess, nameOf } from "../queries/people.ts";
import type { AccessTables } from "../tables.ts";

/** Login links one person may be issued per window (by themselves or by admins). */
export const LOGIN_LINKS_PER_PERSON = { limit: 5, windowMs: 10 * 60 * 1000 };
/** Login links one address may ask for per window, across people. */
export const LOGIN_LINKS_PER_IP = { limit: 20, windowMs: 10 * 60 * 1000 };

export type LoginLinkResult = { ok: true; url: string; expiresAt: string } | { ok: true; invited: number } | Refusal<"forbidden" | "no-role" | "blocked" | "too-many">;

/**
 * A personal one-time login link: `${panelUrl}/login#token=<secret>` (256 random bits, only
 * the hash stored, 10 minutes, single use; the fragment never reaches a server log). Only
 * people holding a role get one, at most 5 per person and 20 per IP in 10 minutes.
 *
 * For oneself (`telegramId` = the actor) the URL is returned, to be shown to that person alone
 * and never logged or journaled. For someone else (an admin's "send link", needing
 * `people.manage`) no secret is minted: the person gets an invitation in their language whose
 * button asks for their own link, so no plain secret rests in the outbox table and no admin ever
 * sees another's link.
 */
export const issueLoginLink = defineCommand("access.link.issue", async (scope: CommandScope<AccessTables>, input: { telegramId: number; panelUrl: string }) => {
  const { actor, trx, now } = scope;
  const { telegramId } = input;
  if (actor.personId === null) throw new Error("a login link needs the person who asks for it");
  const asker = actor.personId;
  const forSelf = asker === telegramId;
  if (!forSelf && !(await scope.actorCan("people.manage"))) return { result: refusal("forbidden") as LoginLinkResult, audit: null };
  if (await isBlockedFromAccess(trx, actor.botId, telegramId)) return { result: refusal("blocked") as LoginLinkResult, audit: null };
  if ((await rolesOf(trx, actor.botId, telegramId)).length === 0) return { result: refusal("no-role") as LoginLinkResult, audit: null };
  // The platform's limiter reads only its own tables.
  const limiter: Transaction<PlatformTables> = trx;
  const personOk = await hitRateLimit(limiter, `access:login-link:person:${actor.botId}:${telegramId}`, LOGIN_LINKS_PER_PERSON, now);
  const ipOk = actor.ip == null || (await hitRateLimit(limiter, `access:login-link:ip:${actor.ip}`, LOGIN_LINKS_PER_IP, now));
  if (!personOk || !ipOk) return { result: refusal("too-many") as LoginLinkResult, audit: null };

  if (!forSelf) {
    const admin = escapeHtml(await nameOf(trx, asker));
    await scope.tell(telegramId, {
      dedupeKey: `access:link-invitation:${telegramId}:${now.getTime()}`,
      render: (_locale, t) => ({ text: t("access-link-invitation", { admin }), buttons: loginKeyboard(t) }),
    });
    return { result: { ok: true, invited: telegramId } as LoginLinkResult, audit: { objectType: "person", objectId: telegramId, after: { delivery: "invitation" } } };
  }
  const secret = await issueLoginSecret(trx, actor.botId, telegramId, now);
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_TTL_MS).toISOString();
  return {
    result: { ok: true, url: `${input.panelUrl}/login#token=${secret}`, expiresAt } as LoginLinkResult,
    audit: { objectType: "person", objectId: telegramId, after: { delivery: "direct", expiresAt } },
  };
});
