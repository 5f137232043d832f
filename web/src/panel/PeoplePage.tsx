import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
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

const STATUS_TEXT: Record<Person["status"], string> = { staff: "Staff", blocked: "Blocked", applicant: "Applied", rejected: "Rejected" };

function PersonRow({ person, roles, manage, action }: { person: Person; roles: string[]; manage: boolean; action: ReturnType<typeof useAction> }) {
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
        {person.username === null ? null : <div className="hint">@{person.username}</div>}
      </td>
      <td>
        <span className={`status status-${person.status}`}>{STATUS_TEXT[person.status]}</span>
      </td>
      <td>
        {person.roles.map((held) => (
          <span key={held} className="chip">
            {held}
            {manage ? (
              <button
                type="button"
                aria-label={`Take the role ${held} from ${person.name}`}
                disabled={action.busy}
                onClick={() => action.run(() => api(`${path}/roles/${encodeURIComponent(held)}`, { method: "DELETE" }), `${person.name} no longer has the role ${held}.`)}
              >
                ×
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
                <select aria-label={`Role for ${person.name}`} value={role} onChange={(event) => setRole(event.target.value)}>
                  <option value="">Role…</option>
                  {missing.map((candidate) => (
                    <option key={candidate} value={candidate}>
                      {candidate}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="secondary"
                  disabled={role === "" || action.busy}
                  onClick={() => action.run(() => api(`${path}/roles`, { body: { role } }), `${person.name} now has the role ${role}.`)}
                >
                  Grant
                </button>
              </>
            ) : null}
            {person.roles.length > 0 && !self ? (
              <button type="button" className="secondary" disabled={action.busy} onClick={() => action.run(() => api(`${path}/send-link`, { method: "POST" }), `${person.name} got a sign-in invitation in the bot.`)}>
                Send sign-in link
              </button>
            ) : null}
            {person.status === "blocked" ? (
              <button type="button" className="secondary" disabled={action.busy} onClick={() => action.run(() => api(`${path}/unblock`, { method: "POST" }), `${person.name} is unblocked.`)}>
                Unblock
              </button>
            ) : self ? null : (
              <>
                <input aria-label={`Reason for blocking ${person.name}`} placeholder="Reason (optional)" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />
                <button type="button" className="danger" disabled={action.busy} onClick={() => action.run(() => api(`${path}/block`, { body: { reason } }), `${person.name} is blocked; their sessions ended.`)}>
                  Block
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
  const me = useMe();
  const manage = can(me, "people.manage");
  const people = useQuery({ queryKey: ["people"], queryFn: () => api<{ people: Person[]; roles: string[] }>("/api/people") });
  const action = useAction(["people", "dashboard", "access-requests"]);
  if (people.isPending) return <p>Loading…</p>;
  if (people.isError) return <p className="error">{people.error.message}</p>;
  return (
    <section className="people-page">
      <h1>People</h1>
      <p className="hint">Everyone with a role, everyone who applied, and everyone blocked. Blocking ends a person's sessions and links at once.</p>
      <ActionMessage message={action.message} />
      {people.data.people.length === 0 ? (
        <p className="hint">Nobody yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Roles</th>
                {manage ? <th>Actions</th> : null}
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
