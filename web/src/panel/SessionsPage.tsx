import { useQuery } from "@tanstack/react-query";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { can, useMe } from "./me.ts";
import { useAction } from "./useAction.ts";
import "./people-pages.css";

interface Session {
  id: number;
  telegramId: number;
  kind: "cookie" | "bearer";
  via: string;
  device: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
  /** Only in everyone's list. */
  name?: string;
}

const VIA_TEXT: Record<string, string> = { link: "Login link", login_url: "Telegram button", mini_app: "Mini App" };

function SessionTable({ sessions, withNames, onEnd, busy }: { sessions: Session[]; withNames: boolean; onEnd: (session: Session) => void; busy: boolean }) {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            {withNames ? <th>Person</th> : null}
            <th>Device</th>
            <th>IP</th>
            <th>Signed in with</th>
            <th>Last seen</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              {withNames ? <td>{session.name}</td> : null}
              <td>
                {session.device ?? "Unknown device"}
                {session.current ? <div className="hint">This device</div> : null}
              </td>
              <td>{session.ip ?? "—"}</td>
              <td>{VIA_TEXT[session.via] ?? session.via}</td>
              <td>{new Date(session.lastSeenAt).toLocaleString()}</td>
              <td>
                <button type="button" className="danger" disabled={busy} aria-label={`End the session on ${session.device ?? "an unknown device"}${withNames ? ` of ${session.name}` : ""}`} onClick={() => onEnd(session)}>
                  End
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The person's own sessions (end one, or all), and for admins everyone's. Ending this device's session signs out here. */
export function SessionsPage() {
  const me = useMe();
  const manage = can(me, "sessions.manage");
  const own = useQuery({ queryKey: ["sessions"], queryFn: () => api<{ sessions: Session[] }>("/api/sessions") });
  const everyone = useQuery({ queryKey: ["admin-sessions"], queryFn: () => api<{ sessions: Session[] }>("/api/admin/sessions"), enabled: manage });
  const action = useAction(["sessions", "admin-sessions", "dashboard"]);
  const end = (session: Session) =>
    action.run(async () => {
      await api(`/api/sessions/${session.id}/end`, { method: "POST" });
      // This device's session is gone: the panel shows the sign-in page.
      if (session.current) window.location.assign("/");
    }, "The session is ended.");
  const endAll = () =>
    action.run(async () => {
      await api("/api/sessions/end-all", { method: "POST" });
      window.location.assign("/");
    });
  return (
    <section className="people-page">
      <h1>Sessions</h1>
      <ActionMessage message={action.message} />
      <h2>Your sessions</h2>
      {own.isPending ? <p>Loading…</p> : own.isError ? <p className="error">{own.error.message}</p> : <SessionTable sessions={own.data.sessions} withNames={false} onEnd={end} busy={action.busy} />}
      <div className="toolbar">
        <button type="button" className="danger" disabled={action.busy} onClick={endAll}>
          Log out everywhere
        </button>
      </div>
      {manage ? (
        <>
          <h2>Everyone's sessions</h2>
          {everyone.isPending ? (
            <p>Loading…</p>
          ) : everyone.isError ? (
            <p className="error">{everyone.error.message}</p>
          ) : (
            <SessionTable sessions={everyone.data.sessions} withNames onEnd={end} busy={action.busy} />
          )}
        </>
      ) : null}
    </section>
  );
}
