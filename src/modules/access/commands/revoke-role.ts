import { revokeAccess } from "../../../platform/auth/revoke-access.ts";
import { rolesOf } from "../../../platform/auth/roles.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal } from "../../../platform/domain/outcome.ts";
import { mayChangeRole } from "../domain/roles.ts";
import { ownerCount } from "../queries/people.ts";
import type { AccessTables } from "../tables.ts";
import type { RoleChangeResult } from "./grant-role.ts";

/**
 * Takes a role from a person. Only owners revoke `owner`, and never from the last owner; the
 * modules' hooks hear of it. Losing their last role ends the person's sessions and revokes their
 * unused links at once.
 */
export const revokeRole = defineCommand("access.role.revoke", async (scope: CommandScope<AccessTables>, input: { telegramId: number; role: string }) => {
  const { actor, trx } = scope;
  const { telegramId, role } = input;
  if (!(await scope.actorCan("people.manage"))) return { result: refusal("forbidden") as RoleChangeResult, audit: null };
  const deciderRoles = actor.personId === null ? [] : await rolesOf(trx, actor.botId, actor.personId);
  const check = mayChangeRole({ kind: "revoke", role, deciderRoles, knownRoles: scope.roles.names, owners: await ownerCount(trx, actor.botId) });
  if (!check.ok) return { result: check as RoleChangeResult, audit: null };
  const removed = await trx.deleteFrom("role").where("bot_id", "=", actor.botId).where("telegram_id", "=", telegramId).where("role", "=", role).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) return { result: refusal("unchanged") as RoleChangeResult, audit: null };
  await scope.announce({ kind: "role-revoked", telegramId, role });
  const remaining = await rolesOf(trx, actor.botId, telegramId);
  const revoked = remaining.length === 0 ? await revokeAccess(trx, actor.botId, telegramId, "role revoked") : undefined;
  return {
    result: { ok: true } as RoleChangeResult,
    audit: { objectType: "person", objectId: telegramId, before: { role }, after: { roles: remaining, sessionsEnded: revoked?.sessions ?? 0 } },
  };
});
