/** Where an access request stands. Approved and rejected are final; postponed waits like pending. */
export type RequestStatus = "pending" | "postponed" | "approved" | "rejected";

/** What an admin can do with a request. */
export type Decision = "approve" | "reject" | "postpone";

/** How long a rejected person waits before applying again, unless the caller says otherwise. */
export const REAPPLY_COOL_DOWN_MS = 24 * 60 * 60 * 1000;

/** Whether a request still waits for a decision (and so may be updated by its applicant). */
export function isOpen(status: RequestStatus): boolean {
  return status === "pending" || status === "postponed";
}

export type DecisionCheck = { ok: true; next: RequestStatus } | { ok: false; reason: "already-decided" | "already-postponed" };

/**
 * The request state machine: pending -> approved | rejected | postponed; postponed -> approved |
 * rejected. A final request takes no further decision, and postponing twice changes nothing.
 */
export function decide(status: RequestStatus, decision: Decision): DecisionCheck {
  if (!isOpen(status)) return { ok: false, reason: "already-decided" };
  if (decision === "postpone") return status === "postponed" ? { ok: false, reason: "already-postponed" } : { ok: true, next: "postponed" };
  return { ok: true, next: decision === "approve" ? "approved" : "rejected" };
}

/** What the applicant's history says about a new application. */
export interface ApplicantStanding {
  blocked: boolean;
  /** Whether they hold any role in the bot already. */
  staff: boolean;
  /** Their latest request, if any. */
  latest: { status: RequestStatus; decidedAt: Date | null } | null;
}

export type ApplicationVerdict =
  | { ok: true; kind: "new" | "update" }
  | { ok: false; reason: "blocked" | "already-staff" }
  | { ok: false; reason: "cooling-down"; mayReapplyAt: Date };

/**
 * Whether someone may apply now: an open request is updated rather than doubled; a rejection
 * makes them wait out the cool-down; blocked people and staff cannot apply.
 */
export function judgeApplication(standing: ApplicantStanding, now: Date, coolDownMs: number = REAPPLY_COOL_DOWN_MS): ApplicationVerdict {
  if (standing.blocked) return { ok: false, reason: "blocked" };
  if (standing.staff) return { ok: false, reason: "already-staff" };
  const latest = standing.latest;
  if (latest !== null && isOpen(latest.status)) return { ok: true, kind: "update" };
  if (latest?.status === "rejected" && latest.decidedAt !== null) {
    const mayReapplyAt = new Date(latest.decidedAt.getTime() + coolDownMs);
    if (mayReapplyAt.getTime() > now.getTime()) return { ok: false, reason: "cooling-down", mayReapplyAt };
  }
  return { ok: true, kind: "new" };
}
