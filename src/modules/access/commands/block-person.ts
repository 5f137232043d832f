import { revokeAccess } from "../../../platform/auth/revoke-access.ts";
import { rolesOf } from "../../../platform/auth/roles.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import { mayBlock } from "../domain/roles.ts";
import { ownerCount } from "../queries/people.ts";
import type { AccessTables } from "../tables.ts";

export type BlockResult = { ok: true; sessionsEnded: number; tokensRevoked: number; rolesRemoved: string[] } | Refusal<"forbidden" | "self" | "owners-only" | "last-owner" | "already-blocked">;

/**
 * Blocks a person from access: at once every session, bearer token, unused login link, feed
 * token and role of theirs in the bot dies, and they can neither apply nor sign in until
 * unblocked. The modules' hooks hear of each role taken and of the block. Admins cannot block
 * owners; nobody blocks themselves or the last owner.
 */
export const blockPerson = defineCommand("access.person.block", async (scope: CommandScope<AccessTables>, input: { telegramId: number; reason: string | null }) => {
  const { actor, trx } = scope;
  const { telegramId } = input;
  if (actor.personId === null) throw new Error("blocking needs the person who blocks");
  if (!(await scope.actorCan("people.manage"))) return { result: refusal("forbidden") as BlockResult, audit: null };
  const check = mayBlock({
    actorId: actor.personId,
    targetId: telegramId,
    deciderRoles: await rolesOf(trx, actor.botId, actor.personId),
    targetRoles: await rolesOf(trx, actor.botId, telegramId),
    owners: await ownerCount(trx, actor.botId),
  });
  if (!check.ok) return { result: check as BlockResult, audit: null };
  const reason = input.reason?.trim() === "" ? null : (input.reason?.trim() ?? null);
  const blocked = await trx
    .insertInto("access_block")
    .values({ bot_id: actor.botId, telegram_id: telegramId, reason, blocked_by: actor.personId, blocked_at: scope.now })
    .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id"]).doNothing())
    .returning("telegram_id")
    .executeTakeFirst();
  if (blocked === undefined) return { result: refusal("already-blocked") as BlockResult, audit: null };
  const revoked = await revokeAccess(trx, actor.botId, telegramId, "blocked");
  for (const role of revoked.roles) await scope.announce({ kind: "role-revoked", telegramId, role });
  await scope.announce({ kind: "person-blocked", telegramId });
  return {
    result: { ok: true, sessionsEnded: revoked.sessions, tokensRevoked: revoked.tokens, rolesRemoved: revoked.roles } as BlockResult,
    audit: { objectType: "person", objectId: telegramId, before: { roles: revoked.roles }, after: { blocked: true, reason, sessionsEnded: revoked.sessions, tokensRevoked: revoked.tokens } },
  };
});
