import type { RequestStatus } from "./domain/request.ts";
import type { AccessRequest } from "./tables.ts";

/** A person as a refusal names them ("already decided by Olga @olga"). */
export interface PersonRef {
  telegramId: number;
  name: string;
}

/** An access request as it leaves the server: plain JSON. */
export interface AccessRequestView {
  id: number;
  telegramId: number;
  name: string;
  phone: string;
  comment: string | null;
  status: RequestStatus;
  role: string | null;
  reason: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  createdAt: string;
}

export function presentRequest(row: AccessRequest): AccessRequestView {
  return {
    id: row.id,
    telegramId: row.telegram_id,
    name: row.name,
    phone: row.phone,
    comment: row.comment,
    status: row.status,
    role: row.role,
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A request as the panel's list shows it: the applicant's and the decider's names instead of their ids. */
export interface ListedRequest extends Omit<AccessRequestView, "decidedBy"> {
  applicant: string | null;
  decidedBy: string | null;
}

export function presentListedRequest(row: AccessRequest, nameOf: (telegramId: number | null) => string | null): ListedRequest {
  const { id, telegramId, name, phone, comment, status, role, reason, decidedAt, createdAt } = presentRequest(row);
  return { id, telegramId, applicant: nameOf(row.telegram_id), name, phone, comment, status, role, reason, decidedBy: nameOf(row.decided_by), decidedAt, createdAt };
}
