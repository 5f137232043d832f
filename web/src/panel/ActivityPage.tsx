import { useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import "./people-pages.css";

interface Dashboard {
  people: { total: number; staff: number; blocked: number; applicants: number };
  requests: { pending: number; postponed: number; approvedToday: number; rejectedToday: number };
  activeSessions: number;
  today: { updates: number; activePeople: number };
  activity: { modules: { module: string; changes: number }[]; handledUpdates: number };
  at: string;
}

/** How often the figures are asked for again. */
const REFRESH_MS = 10_000;

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="figure">
      <span>{label}</span>
      <strong>{value.toLocaleString(panelLocale())}</strong>
    </div>
  );
}

/** The bot's own figures, live: people by status, requests waiting, sessions, and today's updates and changes per module. */
export function ActivityPage() {
  const t = useT();
  const dashboard = useQuery({ queryKey: ["dashboard"], queryFn: () => api<Dashboard>("/api/dashboard"), refetchInterval: REFRESH_MS });
  if (dashboard.isPending) return <p>{t("panel-loading")}</p>;
  if (dashboard.isError) return <p className="error">{dashboard.error.message}</p>;
  const { people, requests, activeSessions, today, activity, at } = dashboard.data;
  return (
    <section className="people-page">
      <h1>{t("access-nav-activity")}</h1>
      <p className="live">{t("access-dashboard-live", { time: new Date(at).toLocaleTimeString(panelLocale()) })}</p>
      <div className="figures">
        <div className="card">
          <h2>{t("access-nav-people")}</h2>
          <Figure label={t("access-dashboard-staff")} value={people.staff} />
          <Figure label={t("access-dashboard-applicants")} value={people.applicants} />
          <Figure label={t("access-dashboard-blocked")} value={people.blocked} />
          <Figure label={t("access-dashboard-everyone")} value={people.total} />
        </div>
        <div className="card">
          <h2>{t("access-dashboard-requests")}</h2>
          <Figure label={t("access-dashboard-pending")} value={requests.pending} />
          <Figure label={t("access-dashboard-postponed")} value={requests.postponed} />
          <Figure label={t("access-dashboard-approved-today")} value={requests.approvedToday} />
          <Figure label={t("access-dashboard-rejected-today")} value={requests.rejectedToday} />
        </div>
        <div className="card">
          <h2>{t("access-dashboard-today")}</h2>
          <Figure label={t("access-dashboard-active-sessions")} value={activeSessions} />
          <Figure label={t("access-dashboard-updates-received")} value={today.updates} />
          <Figure label={t("access-dashboard-updates-handled")} value={activity.handledUpdates} />
          <Figure label={t("access-dashboard-people-active")} value={today.activePeople} />
        </div>
      </div>
      <h2>{t("access-dashboard-changes-by-module")}</h2>
      {activity.modules.length === 0 ? (
        <p className="hint">{t("access-dashboard-no-changes")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t("access-dashboard-module")}</th>
                <th>{t("access-dashboard-changes")}</th>
              </tr>
            </thead>
            <tbody>
              {activity.modules.map((row) => (
                <tr key={row.module}>
                  <td>{row.module}</td>
                  <td>{row.changes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
