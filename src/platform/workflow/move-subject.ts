import type { Transaction } from "kysely";
import type { CommandScope } from "../commands/command.ts";
import type { Permission } from "../auth/permissions.ts";
import type { PlatformTables } from "../db/schema.ts";
import { checkMove, permissionsNamed, type MoveCheck, type Workflow } from "./workflow.ts";

export interface SubjectMove<State extends string> {
  subjectId: number;
  from: State;
  to: State;
  /** The person the subject belongs to (the `requester` mover). */
  requesterId: number | null;
  reason?: string | null;
}

/**
 * Inside a command: checks that the actor may move a subject from `from` to `to` (their
 * permissions read in this transaction, so a role taken a moment ago counts) and, when they
 * may, writes the move to the history. The command changes the subject's own status column
 * and tells whoever must hear of it; a refusal writes nothing.
 */
export async function moveSubject<State extends string>(scope: CommandScope, workflow: Workflow<State>, move: SubjectMove<State>): Promise<MoveCheck<State>> {
  const held = new Set<Permission>();
  for (const permission of permissionsNamed(workflow)) if (await scope.actorCan(permission)) held.add(permission);
  const system = scope.actor.personId === null;
  const check = checkMove(workflow, move.from, move.to, { system, requester: !system && scope.actor.personId === move.requesterId, holds: (permission) => held.has(permission) });
  if (!check.ok) return check;
  await recordStatus(scope.trx, scope, workflow.subject, move.subjectId, move.from, move.to, move.reason ?? null);
  return check;
}

/** Writes a subject's first state (`from` null) or a move, as the command's actor at its "now". */
export async function recordStatus(
  trx: Transaction<PlatformTables>,
  scope: Pick<CommandScope, "actor" | "now">,
  subjectType: string,
  subjectId: number,
  from: string | null,
  to: string,
  reason: string | null = null,
): Promise<void> {
  await trx
    .insertInto("status_history")
    .values({ bot_id: scope.actor.botId, subject_type: subjectType, subject_id: subjectId, from_status: from, to_status: to, actor_id: scope.actor.personId, source: scope.actor.source, reason, at: scope.now })
    .execute();
}

/** A subject's moves, oldest first. */
export function historyOf(db: Pick<Transaction<PlatformTables>, "selectFrom">, botId: string, subjectType: string, subjectId: number) {
  return db
    .selectFrom("status_history")
    .select(["from_status", "to_status", "actor_id", "source", "reason", "at"])
    .where("bot_id", "=", botId)
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .orderBy("id")
    .execute();
}
