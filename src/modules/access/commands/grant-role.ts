import { rolesOf } from "../../../platform/auth/roles.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import { mayChangeRole } from "../domain/roles.ts";
import { isBlockedFromAccess } from "../queries/people.ts";
import type { AccessTables } from "../tables.ts";

export type RoleChangeResult = { ok: true } | Refusal<"forbidden" | "unknown-role" | "owners-only" | "last-owner" | "blocked" | "unchanged">;

/**
 * Grants a role to a person. The granter needs `people.manage` (read in this transaction); only
 * owners grant `owner`; the role must be one the platform or a module declares. The person is
 * told in their language, and the modules' hooks hear of it.
 */
export const grantRole = defineCommand("access.role.grant", async (scope: CommandScope<AccessTables>, input: { telegramId: number; role: string }) => {
  const { actor, trx } = scope;
  const { telegramId, role } = input;
  if (actor.personId === null) throw new Error("granting a role needs the person who grants it");
  if (!(await scope.actorCan("people.manage"))) return { result: refusal("forbidden") as RoleChangeResult, audit: null };
  const deciderRoles = await rolesOf(trx, actor.botId, actor.personId);
  const check = mayChangeRole({ kind: "grant", role, deciderRoles, knownRoles: scope.roles.names, owners: 0 });
  if (!check.ok) return { result: check as RoleChangeResult, audit: null };
  if (await isBlockedFromAccess(trx, actor.botId, telegramId)) return { result: refusal("blocked") as RoleChangeResult, audit: null };
  const granted = await trx
    .insertInto("role")
    .values({ bot_id: actor.botId, telegram_id: telegramId, role, granted_by: actor.personId })
    .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id", "role"]).doNothing())
    .returning("granted_at")
    .executeTakeFirst();
  if (granted === undefined) return { result: refusal("unchanged") as RoleChangeResult, audit: null };
  await scope.announce({ kind: "role-granted", telegramId, role });
  await scope.tell(telegramId, {
    dedupeKey: `access:role:${telegramId}:${role}:granted:${new Date(granted.granted_at).getTime()}`,
    render: (_locale, t) => ({ text: t("access-notice-granted", { role: t("access-role", { role }) }) }),
  });
  return { result: { ok: true } as RoleChangeResult, audit: { objectType: "person", objectId: telegramId, after: { role } } };
});
