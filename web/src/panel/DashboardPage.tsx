import { useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";
import "./people-pages.css";

interface Dashboard {
  people: { total: number; staff: number; blocked: number; applicants: number };
  requests: { pending: number; postponed: number; approvedToday: number; rejectedToday: number };
  activeSessions: number;
  today: { updates: number; activePeople: number };
  activity: { modules: { module: string; changes: number }[]; handledUpdates: number };
  at: string;
}

/** A card an enabled module adds, its texts already in the reader's language. */
interface ModuleCard {
  module: string;
  id: string;
  title: string;
  link: string | null;
  figures: { label: string; value: number }[];
}

/** How often the figures are asked for again. */
const REFRESH_MS = 10_000;

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="figure">
      <span>{label}</span>
      <strong>{value}</strong>
    </div>
  );
}

/** Live figures: people by status, requests waiting, sessions, and today's activity per module. */
export function DashboardPage() {
  const dashboard = useQuery({ queryKey: ["dashboard"], queryFn: () => api<Dashboard>("/api/dashboard"), refetchInterval: REFRESH_MS });
  const moduleCards = useQuery({ queryKey: ["dashboard-cards"], queryFn: () => api<{ cards: ModuleCard[] }>("/api/dashboard/cards"), refetchInterval: REFRESH_MS });
  if (dashboard.isPending) return <p>Loading…</p>;
  if (dashboard.isError) return <p className="error">{dashboard.error.message}</p>;
  const { people, requests, activeSessions, today, activity, at } = dashboard.data;
  return (
    <section className="people-page">
      <h1>Dashboard</h1>
      <p className="live">Live figures, updated {new Date(at).toLocaleTimeString()}</p>
      <div className="figures">
        <div className="card">
          <h2>People</h2>
          <Figure label="Staff" value={people.staff} />
          <Figure label="Waiting applicants" value={people.applicants} />
          <Figure label="Blocked" value={people.blocked} />
          <Figure label="Everyone the bot knows" value={people.total} />
        </div>
        <div className="card">
          <h2>Access requests</h2>
          <Figure label="Pending" value={requests.pending} />
          <Figure label="Postponed" value={requests.postponed} />
          <Figure label="Approved today" value={requests.approvedToday} />
          <Figure label="Rejected today" value={requests.rejectedToday} />
        </div>
        <div className="card">
          <h2>Today</h2>
          <Figure label="Active sessions" value={activeSessions} />
          <Figure label="Updates received" value={today.updates} />
          <Figure label="Updates handled" value={activity.handledUpdates} />
          <Figure label="People active" value={today.activePeople} />
        </div>
        {(moduleCards.data?.cards ?? []).map((card) => (
          <div className="card" key={`${card.module}:${card.id}`} data-card={`${card.module}:${card.id}`}>
            <h2>{card.link === null ? card.title : <a href={card.link}>{card.title}</a>}</h2>
            {card.figures.map((figure) => (
              <Figure key={figure.label} label={figure.label} value={figure.value} />
            ))}
          </div>
        ))}
      </div>
      <h2>Today's changes by module</h2>
      {activity.modules.length === 0 ? (
        <p className="hint">Nothing changed today yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Module</th>
                <th>Changes</th>
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
