import { useQuery } from "@tanstack/react-query";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { useT, type Translate } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
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

const VIA_KEYS: Record<string, string> = { link: "access-sessions-via-link", login_url: "access-sessions-via-login-url", mini_app: "access-sessions-via-mini-app" };

const viaText = (t: Translate, via: string) => (VIA_KEYS[via] === undefined ? via : t(VIA_KEYS[via]));

function SessionTable({ sessions, withNames, onEnd, busy }: { sessions: Session[]; withNames: boolean; onEnd: (session: Session) => void; busy: boolean }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            {withNames ? <th>{t("access-sessions-person")}</th> : null}
            <th>{t("access-sessions-device")}</th>
            <th>{t("access-sessions-ip")}</th>
            <th>{t("access-sessions-via")}</th>
            <th>{t("access-sessions-last-seen")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              {withNames ? <td>{session.name}</td> : null}
              <td>
                {session.device ?? t("access-sessions-unknown-device")}
                {session.current ? <div className="hint">{t("access-sessions-this-device")}</div> : null}
              </td>
              <td>{session.ip ?? "—"}</td>
              <td>{viaText(t, session.via)}</td>
              <td>{new Date(session.lastSeenAt).toLocaleString(panelLocale())}</td>
              <td>
                <button type="button" className="danger" disabled={busy} aria-label={t(withNames ? "access-sessions-end-of" : "access-sessions-end-on", { device: session.device ?? t("access-sessions-unknown-device"), name: session.name ?? "" })} onClick={() => onEnd(session)}>
                  {t("access-sessions-end")}
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
  const t = useT();
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
    }, t("access-sessions-ended"));
  const endAll = () =>
    action.run(async () => {
      await api("/api/sessions/end-all", { method: "POST" });
      window.location.assign("/");
    });
  return (
    <section className="people-page">
      <h1>{t("access-nav-sessions")}</h1>
      <ActionMessage message={action.message} />
      <h2>{t("access-sessions-yours")}</h2>
      {own.isPending ? <p>{t("panel-loading")}</p> : own.isError ? <p className="error">{own.error.message}</p> : <SessionTable sessions={own.data.sessions} withNames={false} onEnd={end} busy={action.busy} />}
      <div className="toolbar">
        <button type="button" className="danger" disabled={action.busy} onClick={endAll}>
          {t("access-sessions-end-all")}
        </button>
      </div>
      {manage ? (
        <>
          <h2>{t("access-sessions-everyone")}</h2>
          {everyone.isPending ? (
            <p>{t("panel-loading")}</p>
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
