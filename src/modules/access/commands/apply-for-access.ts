import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import { normalizePhone } from "../../../platform/domain/phone.ts";
import { checkComment, checkName } from "../domain/application.ts";
import { judgeApplication } from "../domain/request.ts";
import { editCards, sendCards } from "../effects/request-cards.ts";
import { applicantStanding } from "../queries/applicant-standing.ts";
import type { AccessRequest, AccessTables } from "../tables.ts";
import { presentRequest, type AccessRequestView } from "../views.ts";

export interface ApplyInput {
  name: string;
  /** E.164, or `+` and digits. */
  phone: string;
  comment: string | null;
}

export type ApplyResult =
  | { ok: true; request: AccessRequestView; updated: boolean }
  | Refusal<"invalid-name" | "invalid-phone" | "comment-too-long" | "blocked" | "already-staff">
  | Refusal<"cooling-down", { mayReapplyAt: string }>;

/** The refusal of someone who may not apply now (blocked, staff, or cooling down after a rejection). */
export type ApplyStandingRefusal = Exclude<ApplyResult, { ok: true } | Refusal<"invalid-name" | "invalid-phone" | "comment-too-long">>;

/** What `judgeApplication` refused, as the command and the "Apply" button both say it. */
export function standingRefusal(verdict: { reason: "blocked" | "already-staff" } | { reason: "cooling-down"; mayReapplyAt: Date }): ApplyStandingRefusal {
  return verdict.reason === "cooling-down" ? refusal("cooling-down", { mayReapplyAt: verdict.mayReapplyAt.toISOString() }) : refusal(verdict.reason);
}

function pick(request: AccessRequest): Record<string, unknown> {
  return { status: request.status, name: request.name, phone: request.phone, comment: request.comment, role: request.role, reason: request.reason };
}

/**
 * A person applies for staff access (the actor is the applicant). One open request per person:
 * applying again while it is pending or postponed updates it, and every admin's card is edited.
 * A rejected person waits out the cool-down; blocked people and staff cannot apply. Every holder
 * of `people.manage` gets a card, in their language.
 */
export const applyForAccess = defineCommand("access.request.apply", async (scope: CommandScope<AccessTables>, input: ApplyInput) => {
  const { actor, trx, now } = scope;
  if (actor.personId === null) throw new Error("applying needs the person who applies");
  const name = checkName(input.name);
  if (!name.ok) return { result: refusal("invalid-name") as ApplyResult, audit: null };
  const phone = normalizePhone(input.phone);
  if (phone === undefined) return { result: refusal("invalid-phone") as ApplyResult, audit: null };
  const comment = input.comment === null ? null : checkComment(input.comment);
  if (comment !== null && !comment.ok) return { result: refusal("comment-too-long") as ApplyResult, audit: null };
  const details = { name: name.value, phone, comment: comment === null || comment.value === "" ? null : comment.value };

  const { standing, latest } = await applicantStanding(trx, actor.botId, actor.personId);
  const verdict = judgeApplication(standing, now);
  if (!verdict.ok) return { result: standingRefusal(verdict) as ApplyResult, audit: null };
  if (verdict.kind === "update" && latest !== undefined) {
    const updated = await trx
      .updateTable("access_request")
      .set((eb) => ({ ...details, revision: eb("revision", "+", 1), updated_at: now }))
      .where("id", "=", latest.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await editCards(scope, updated);
    await sendCards(scope, updated);
    return {
      result: { ok: true, request: presentRequest(updated), updated: true } as ApplyResult,
      audit: { objectType: "access_request", objectId: updated.id, before: pick(latest), after: pick(updated) },
    };
  }
  const created = await trx
    .insertInto("access_request")
    .values({ bot_id: actor.botId, telegram_id: actor.personId, ...details, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await sendCards(scope, created);
  return {
    result: { ok: true, request: presentRequest(created), updated: false } as ApplyResult,
    audit: { objectType: "access_request", objectId: created.id, after: pick(created) },
  };
});
