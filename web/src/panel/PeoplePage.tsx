import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { useRoleName } from "./i18n/useRoleName.ts";
import { useT } from "./i18n/useT.ts";
import { can, useMe } from "./me.ts";
import { useAction } from "./useAction.ts";
import "./people-pages.css";

interface Person {
  telegramId: number;
  name: string;
  username: string | null;
  roles: string[];
  status: "staff" | "blocked" | "applicant" | "rejected";
  requestId: number | null;
}


function PersonRow({ person, roles, manage, action }: { person: Person; roles: string[]; manage: boolean; action: ReturnType<typeof useAction> }) {
  const t = useT();
  const roleName = useRoleName();
  const me = useMe();
  const [role, setRole] = useState("");
  const [reason, setReason] = useState("");
  const path = `/api/people/${person.telegramId}`;
  const missing = roles.filter((candidate) => !person.roles.includes(candidate));
  const self = person.telegramId === me.telegramId;
  return (
    <tr>
      <td>
        {person.name}
        {person.username === null ? null : <div className="hint">{t("access-people-username", { username: person.username })}</div>}
      </td>
      <td>
        <span className={`status status-${person.status}`}>{t(`access-people-status-${person.status}`)}</span>
      </td>
      <td>
        {person.roles.map((held) => (
          <span key={held} className="chip">
            {roleName(held)}
            {manage ? (
              <button
                type="button"
                aria-label={t("access-people-take-role", { role: roleName(held), name: person.name })}
                disabled={action.busy}
                onClick={() => action.run(() => api(`${path}/roles/${encodeURIComponent(held)}`, { method: "DELETE" }), t("access-people-role-taken", { role: roleName(held), name: person.name }))}
              >
                {t("access-people-take-role-sign")}
              </button>
            ) : null}
          </span>
        ))}
      </td>
      {manage ? (
        <td>
          <div className="inline-form">
            {person.status !== "blocked" && missing.length > 0 ? (
              <>
                <select aria-label={t("access-people-role-for", { name: person.name })} value={role} onChange={(event) => setRole(event.target.value)}>
                  <option value="">{t("access-people-role-choose")}</option>
                  {missing.map((candidate) => (
                    <option key={candidate} value={candidate}>
                      {roleName(candidate)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="secondary"
                  disabled={role === "" || action.busy}
                  onClick={() => action.run(() => api(`${path}/roles`, { body: { role } }), t("access-people-role-granted", { role: roleName(role), name: person.name }))}
                >
                  {t("access-people-grant")}
                </button>
              </>
            ) : null}
            {person.roles.length > 0 && !self ? (
              <button type="button" className="secondary" disabled={action.busy} onClick={() => action.run(() => api(`${path}/send-link`, { method: "POST" }), t("access-people-link-sent", { name: person.name }))}>
                {t("access-people-send-link")}
              </button>
            ) : null}
            {person.status === "blocked" ? (
              <button type="button" className="secondary" disabled={action.busy} onClick={() => action.run(() => api(`${path}/unblock`, { method: "POST" }), t("access-people-unblocked", { name: person.name }))}>
                {t("access-people-unblock")}
              </button>
            ) : self ? null : (
              <>
                <input aria-label={t("access-people-block-reason-for", { name: person.name })} placeholder={t("access-people-block-reason")} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />
                <button type="button" className="danger" disabled={action.busy} onClick={() => {
                    // Blocking ends a lot at once: ask first, saying what.
                    if (window.confirm(t("access-people-block-confirm", { name: person.name }))) action.run(() => api(`${path}/block`, { body: { reason } }), t("access-people-blocked", { name: person.name }));
                  }}
                >
                  {t("access-people-block")}
                </button>
              </>
            )}
          </div>
        </td>
      ) : null}
    </tr>
  );
}

/** Staff, applicants and blocked people, with their roles; managers grant and take roles, block and unblock. */
export function PeoplePage() {
  const t = useT();
  const me = useMe();
  const manage = can(me, "people.manage");
  const people = useQuery({ queryKey: ["people"], queryFn: () => api<{ people: Person[]; roles: string[] }>("/api/people") });
  const action = useAction(["people", "dashboard", "access-requests"]);
  if (people.isPending) return <p>{t("panel-loading")}</p>;
  if (people.isError) return <p className="error">{people.error.message}</p>;
  return (
    <section className="people-page">
      <h1>{t("access-nav-people")}</h1>
      <p className="hint">{t("access-people-intro")}</p>
      <ActionMessage message={action.message} />
      {people.data.people.length === 0 ? (
        <p className="hint">{t("access-people-nobody")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t("access-people-name")}</th>
                <th>{t("access-people-status")}</th>
                <th>{t("access-people-roles")}</th>
                {manage ? <th>{t("access-people-actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {people.data.people.map((person) => (
                <PersonRow key={person.telegramId} person={person} roles={people.data.roles} manage={manage} action={action} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
