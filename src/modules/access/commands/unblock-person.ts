import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import type { AccessTables } from "../tables.ts";

export type UnblockResult = { ok: true } | Refusal<"forbidden" | "not-blocked">;

/** Lifts a block: the person may apply again (their roles are not given back). */
export const unblockPerson = defineCommand("access.person.unblock", async (scope: CommandScope<AccessTables>, input: { telegramId: number }) => {
  if (!(await scope.actorCan("people.manage"))) return { result: refusal("forbidden") as UnblockResult, audit: null };
  const removed = await scope.trx
    .deleteFrom("access_block")
    .where("bot_id", "=", scope.actor.botId)
    .where("telegram_id", "=", input.telegramId)
    .returning(["reason"])
    .executeTakeFirst();
  if (removed === undefined) return { result: refusal("not-blocked") as UnblockResult, audit: null };
  return { result: { ok: true } as UnblockResult, audit: { objectType: "person", objectId: input.telegramId, before: { blocked: true, reason: removed.reason }, after: { blocked: false } } };
});
