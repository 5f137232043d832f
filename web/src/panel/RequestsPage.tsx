import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { can, useMe } from "./me.ts";
import { useAction } from "./useAction.ts";
import "./people-pages.css";

interface AccessRequest {
  id: number;
  telegramId: number;
  applicant: string;
  name: string;
  phone: string;
  comment: string | null;
  status: "pending" | "postponed" | "approved" | "rejected";
  role: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

const VIEWS = [
  { status: "open", label: "Waiting" },
  { status: "approved", label: "Approved" },
  { status: "rejected", label: "Rejected" },
] as const;

function RequestCard({ request, roles, manage, action }: { request: AccessRequest; roles: string[]; manage: boolean; action: ReturnType<typeof useAction> }) {
  const [role, setRole] = useState(roles.includes("admin") ? "admin" : (roles[0] ?? ""));
  const [reason, setReason] = useState("");
  const path = `/api/access-requests/${request.id}`;
  const open = request.status === "pending" || request.status === "postponed";
  return (
    <article className="card request" aria-label={`Request of ${request.name}`}>
      <strong>
        #{request.id} {request.name}
      </strong>{" "}
      <span className={`status status-${request.status}`}>{request.status}</span>
      <dl>
        <dt>Telegram</dt>
        <dd>{request.applicant}</dd>
        <dt>Phone</dt>
        <dd>{request.phone}</dd>
        <dt>Comment</dt>
        <dd>{request.comment ?? "—"}</dd>
        <dt>Applied</dt>
        <dd>{new Date(request.createdAt).toLocaleString()}</dd>
        {request.decidedBy === null ? null : (
          <>
            <dt>Decided</dt>
            <dd>
              {request.decidedBy}, {request.decidedAt === null ? "" : new Date(request.decidedAt).toLocaleString()}
              {request.role === null ? "" : ` — role ${request.role}`}
              {request.reason === null ? "" : ` — ${request.reason}`}
            </dd>
          </>
        )}
      </dl>
      {open && manage ? (
        <>
          <div className="inline-form">
            <select aria-label="Role" value={role} onChange={(event) => setRole(event.target.value)}>
              {roles.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {candidate}
                </option>
              ))}
            </select>
            <button type="button" className="primary" disabled={action.busy || role === ""} onClick={() => action.run(() => api(`${path}/approve`, { body: { role } }), `${request.name} is approved as ${role}.`)}>
              Approve
            </button>
            {request.status === "pending" ? (
              <button type="button" className="secondary" disabled={action.busy} onClick={() => action.run(() => api(`${path}/postpone`, { method: "POST" }), `The request of ${request.name} is postponed.`)}>
                Postpone
              </button>
            ) : null}
          </div>
          <div className="inline-form">
            <input aria-label="Reason for rejecting" placeholder="Reason (the applicant reads it)" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />
            <button type="button" className="danger" disabled={action.busy || reason.trim() === ""} onClick={() => action.run(() => api(`${path}/reject`, { body: { reason } }), `The request of ${request.name} is rejected.`)}>
              Reject
            </button>
          </div>
        </>
      ) : null}
    </article>
  );
}

/** Access requests: those waiting (approve with a role, reject with a reason, postpone) and those decided. */
export function RequestsPage() {
  const me = useMe();
  const [view, setView] = useState<(typeof VIEWS)[number]["status"]>("open");
  const requests = useQuery({
    queryKey: ["access-requests", view],
    queryFn: () => api<{ requests: AccessRequest[]; roles: string[] }>(`/api/access-requests?status=${view}`),
    refetchInterval: 10_000,
  });
  const action = useAction(["access-requests", "people", "dashboard"]);
  return (
    <section className="people-page">
      <h1>Access requests</h1>
      <div className="tabs" role="group" aria-label="Which requests">
        {VIEWS.map((option) => (
          <button key={option.status} type="button" className="secondary" aria-pressed={view === option.status} onClick={() => setView(option.status)}>
            {option.label}
          </button>
        ))}
      </div>
      <ActionMessage message={action.message} />
      {requests.isPending ? (
        <p>Loading…</p>
      ) : requests.isError ? (
        <p className="error">{requests.error.message}</p>
      ) : requests.data.requests.length === 0 ? (
        <p className="hint">{view === "open" ? "No request is waiting." : "None."}</p>
      ) : (
        <div className="requests">
          {requests.data.requests.map((request) => (
            <RequestCard key={request.id} request={request} roles={requests.data.roles} manage={can(me, "people.manage")} action={action} />
          ))}
        </div>
      )}
    </section>
  );
}
