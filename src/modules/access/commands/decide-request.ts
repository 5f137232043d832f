import type { CommandScope } from "../../../platform/commands/command.ts";
import type { AuditEntry, UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import { MAX_COMMENT_LENGTH } from "../domain/application.ts";
import { decide, type Decision, type RequestStatus } from "../domain/request.ts";
import { grantableRoles } from "../domain/roles.ts";
import { tellApplicant } from "../effects/applicant-notice.ts";
import { editCards } from "../effects/request-cards.ts";
import { isBlockedFromAccess, nameOf } from "../queries/people.ts";
import { requestForDecision } from "../queries/requests.ts";
import type { AccessTables } from "../tables.ts";
import { presentRequest, type AccessRequestView, type PersonRef } from "../views.ts";

/** The longest rejection reason kept (it is shown to the applicant and on every card). */
export const MAX_REASON_LENGTH = MAX_COMMENT_LENGTH;

export type DecisionResult =
  | { ok: true; request: AccessRequestView }
  | Refusal<"forbidden" | "not-found" | "unknown-role" | "invalid-reason" | "blocked">
  | Refusal<"already-decided" | "already-postponed", { status: RequestStatus; decidedBy: PersonRef | null }>;

/**
 * What approving, rejecting and postponing share: the decider's `people.manage` re-checked in
 * this transaction, the request locked, the state machine asked. The decision then edits every
 * admin's card and, unless it only postponed, tells the applicant; an approval grants the role
 * (granted_by = the decider) and tells the modules' hooks. A request someone already decided is
 * refused, naming them.
 */
export async function decideRequest(
  scope: CommandScope<AccessTables>,
  requestId: number,
  decision: Decision,
  details: { role?: string; reason?: string },
): Promise<UseCaseOutcome<DecisionResult>> {
  const { actor, trx, now } = scope;
  const refused = (result: DecisionResult) => ({ result, audit: null });
  if (actor.personId === null) throw new Error("deciding a request needs the person who decides");
  const decider = actor.personId;
  if (!(await scope.actorCan("people.manage"))) return refused(refusal("forbidden"));
  const request = await requestForDecision(trx, actor.botId, requestId);
  if (request === undefined) return refused(refusal("not-found"));
  const check = decide(request.status, decision);
  if (!check.ok) {
    const decidedBy = request.decided_by === null ? null : { telegramId: request.decided_by, name: await nameOf(trx, request.decided_by) };
    return refused(refusal(check.reason, { status: request.status, decidedBy }));
  }
  const role = details.role;
  if (decision === "approve") {
    if (role === undefined || !grantableRoles(scope.roles.names).includes(role)) return refused(refusal("unknown-role"));
    if (await isBlockedFromAccess(trx, actor.botId, request.telegram_id)) return refused(refusal("blocked"));
  }
  const reason = details.reason?.trim();
  if (decision === "reject" && (reason === undefined || reason === "" || reason.length > MAX_REASON_LENGTH)) return refused(refusal("invalid-reason"));
  const decided = await trx
    .updateTable("access_request")
    .set((eb) => ({
      status: check.next,
      role: decision === "approve" ? (role ?? null) : null,
      reason: decision === "reject" ? (reason ?? null) : null,
      decided_by: decider,
      decided_at: now,
      updated_at: now,
      revision: eb("revision", "+", 1),
    }))
    .where("id", "=", request.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (decision === "approve" && role !== undefined) {
    await trx
      .insertInto("role")
      .values({ bot_id: actor.botId, telegram_id: request.telegram_id, role, granted_by: decider })
      .onConflict((conflict) => conflict.columns(["bot_id", "telegram_id", "role"]).doNothing())
      .execute();
    await scope.announce({ kind: "role-granted", telegramId: request.telegram_id, role });
  }
  await editCards(scope, decided);
  if (decision !== "postpone") await tellApplicant(scope, decided);
  const audit: AuditEntry = { objectType: "access_request", objectId: request.id, before: { status: request.status }, after: { status: decided.status, role: decided.role, reason: decided.reason } };
  return { result: { ok: true, request: presentRequest(decided) }, audit };
}

