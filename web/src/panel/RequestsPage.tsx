import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { useRoleName } from "./i18n/useRoleName.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
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
  { status: "open", labelKey: "access-requests-view-open" },
  { status: "approved", labelKey: "access-requests-view-approved" },
  { status: "rejected", labelKey: "access-requests-view-rejected" },
] as const;

function RequestCard({ request, roles, manage, action }: { request: AccessRequest; roles: string[]; manage: boolean; action: ReturnType<typeof useAction> }) {
  const t = useT();
  const roleName = useRoleName();
  const [role, setRole] = useState(roles.includes("admin") ? "admin" : (roles[0] ?? ""));
  const [reason, setReason] = useState("");
  const path = `/api/access-requests/${request.id}`;
  const open = request.status === "pending" || request.status === "postponed";
  return (
    <article className="card request" aria-label={t("access-requests-of", { name: request.name })}>
      <strong>{t("access-requests-number", { id: request.id, name: request.name })}</strong>{" "}
      <span className={`status status-${request.status}`}>{t(`access-requests-status-${request.status}`)}</span>
      <dl>
        <dt>{t("access-requests-telegram")}</dt>
        <dd>{request.applicant}</dd>
        <dt>{t("access-requests-phone")}</dt>
        <dd>{request.phone}</dd>
        <dt>{t("access-requests-comment")}</dt>
        <dd>{request.comment ?? "—"}</dd>
        <dt>{t("access-requests-applied")}</dt>
        <dd>{new Date(request.createdAt).toLocaleString(panelLocale())}</dd>
        {request.decidedBy === null ? null : (
          <>
            <dt>{t("access-requests-decided")}</dt>
            <dd>
              {t("access-requests-decided-by", { by: request.decidedBy, at: request.decidedAt === null ? "—" : new Date(request.decidedAt).toLocaleString(panelLocale()) })}
              {request.role === null ? null : t("access-requests-decided-role", { role: roleName(request.role) })}
              {request.reason === null ? null : t("access-requests-decided-reason", { reason: request.reason })}
            </dd>
          </>
        )}
      </dl>
      {open && manage ? (
        <>
          <div className="inline-form">
            <select aria-label={t("access-requests-role")} value={role} onChange={(event) => setRole(event.target.value)}>
              {roles.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {roleName(candidate)}
                </option>
              ))}
            </select>
            <button type="button" className="primary" disabled={action.busy || role === ""} onClick={() => action.run(() => api(`${path}/approve`, { body: { role } }), t("access-requests-approved", { name: request.name, role: roleName(role) }))}>
              {t("access-requests-approve")}
            </button>
            {request.status === "pending" ? (
              <button type="button" className="secondary" disabled={action.busy} onClick={() => action.run(() => api(`${path}/postpone`, { method: "POST" }), t("access-requests-postponed", { name: request.name }))}>
                {t("access-requests-postpone")}
              </button>
            ) : null}
          </div>
          <div className="inline-form">
            <input aria-label={t("access-requests-reject-reason")} placeholder={t("access-requests-reject-reason-hint")} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />
            <button type="button" className="danger" disabled={action.busy || reason.trim() === ""} onClick={() => action.run(() => api(`${path}/reject`, { body: { reason } }), t("access-requests-rejected", { name: request.name }))}>
              {t("access-requests-reject")}
            </button>
          </div>
        </>
      ) : null}
    </article>
  );
}

/** Access requests: those waiting (approve with a role, reject with a reason, postpone) and those decided. */
export function RequestsPage() {
  const t = useT();
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
      <h1>{t("access-dashboard-requests")}</h1>
      <div className="tabs" role="group" aria-label={t("access-requests-which")}>
        {VIEWS.map((option) => (
          <button key={option.status} type="button" className="secondary" aria-pressed={view === option.status} onClick={() => setView(option.status)}>
            {t(option.labelKey)}
          </button>
        ))}
      </div>
      <ActionMessage message={action.message} />
      {requests.isPending ? (
        <p>{t("panel-loading")}</p>
      ) : requests.isError ? (
        <p className="error">{requests.error.message}</p>
      ) : requests.data.requests.length === 0 ? (
        <p className="hint">{view === "open" ? t("access-requests-none-waiting") : t("access-requests-none")}</p>
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
