import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "./api.ts";
import { bookingsPerDay, occupancyByMaster, revenuePerDay } from "./booking-analytics-charts.ts";
import { formatPrice } from "./booking-format.ts";
import { Chart } from "./Chart.tsx";
import { panelLocale } from "./locale.ts";
import "./people-pages.css";
import "./booking-insights.css";

type Dimension = "master" | "location" | "service";

interface Figures {
  bookings: number;
  done: number;
  noShows: number;
  cancelled: { total: number; byClient: number; byStaff: number; holdExpired: number };
  noShowRate: number | null;
  cancellationRate: number | null;
  revenue: { currency: string; amountMinor: number }[];
  bookedMinutes: number;
  workingMinutes: number | null;
  occupancy: number | null;
  clients: number;
  returningClients: number;
  returningShare: number | null;
}

interface AnalyticsAnswer {
  from: string;
  to: string;
  by: Dimension;
  total: Figures;
  groups: (Figures & { id: number; name: string })[];
  /** The total of each day of the period. */
  days: (Figures & { date: string })[];
}

const TABS: { by: Dimension; label: string }[] = [
  { by: "master", label: "By master" },
  { by: "location", label: "By location" },
  { by: "service", label: "By service" },
];

/** The browser's calendar day, `2026-03-04`. */
function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

function thisMonth(): { from: string; to: string } {
  const now = new Date();
  return { from: localDay(new Date(now.getFullYear(), now.getMonth(), 1)), to: localDay(new Date(now.getFullYear(), now.getMonth() + 1, 0)) };
}

function lastMonth(): { from: string; to: string } {
  const now = new Date();
  return { from: localDay(new Date(now.getFullYear(), now.getMonth() - 1, 1)), to: localDay(new Date(now.getFullYear(), now.getMonth(), 0)) };
}

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)} %`);
const money = (revenue: Figures["revenue"]) => (revenue.length === 0 ? "—" : revenue.map((entry) => formatPrice(entry.amountMinor, entry.currency)).join(" + "));
const hours = (minutes: number | null) => (minutes === null ? "—" : `${(minutes / 60).toFixed(1)} h`);

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="card insight">
      <h2>{label}</h2>
      <strong>{value}</strong>
      {detail === undefined ? null : <span className="hint">{detail}</span>}
    </div>
  );
}

/** Bookings and revenue per day and occupancy per master, drawn whatever the table is grouped by. */
function AnalyticsCharts({ answer, byMaster }: { answer: AnalyticsAnswer; byMaster: AnalyticsAnswer | undefined }) {
  const locale = panelLocale();
  const perDay = useMemo(() => [bookingsPerDay(answer.days, locale), revenuePerDay(answer.days, locale)], [answer, locale]);
  const occupancy = useMemo(() => (byMaster === undefined ? undefined : occupancyByMaster(byMaster.groups, locale)), [byMaster, locale]);
  return (
    <div className="charts">
      {perDay.map((spec) => (
        <Chart key={spec.title} spec={spec} />
      ))}
      {occupancy === undefined ? null : <Chart spec={occupancy} />}
    </div>
  );
}

/**
 * Bookings, visits, no-shows, cancellations, revenue, occupancy and returning clients of a
 * period, in total and by master, location or service, with charts; the same table as a CSV download.
 */
export function BookingAnalyticsPage() {
  const [period, setPeriod] = useState(thisMonth);
  const [by, setBy] = useState<Dimension>("master");
  const queryOf = (grouping: Dimension) => new URLSearchParams({ from: period.from, to: period.to, by: grouping }).toString();
  const query = queryOf(by);
  const analytics = useQuery({
    queryKey: ["booking-analytics", query],
    queryFn: () => api<AnalyticsAnswer>(`/api/booking/analytics?${query}`),
    enabled: period.from !== "" && period.to !== "",
  });
  // The occupancy chart is by master whatever the table's tab: the same query as that tab's, shared.
  const masterQuery = queryOf("master");
  const byMaster = useQuery({
    queryKey: ["booking-analytics", masterQuery],
    queryFn: () => api<AnalyticsAnswer>(`/api/booking/analytics?${masterQuery}`),
    enabled: period.from !== "" && period.to !== "",
  });
  const total = analytics.data?.total;
  const groupTitle = by === "master" ? "Master" : by === "location" ? "Location" : "Service";

  return (
    <section className="people-page booking-insights">
      <h1>Analytics</h1>
      <div className="toolbar" role="group" aria-label="Period">
        <label>
          From
          <input type="date" value={period.from} onChange={(event) => setPeriod({ ...period, from: event.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={period.to} onChange={(event) => setPeriod({ ...period, to: event.target.value })} />
        </label>
        <button type="button" className="secondary" onClick={() => setPeriod(thisMonth())}>
          This month
        </button>
        <button type="button" className="secondary" onClick={() => setPeriod(lastMonth())}>
          Last month
        </button>
        <a href={`/api/booking/analytics.csv?${query}`} download>
          Download CSV
        </a>
        <a href={`/api/booking/analytics.xlsx?${query}`} download>
          Download XLSX
        </a>
      </div>
      {analytics.isError ? (
        <p role="alert" className="error">
          {analytics.error.message}
        </p>
      ) : null}
      {total === undefined ? (
        analytics.isError ? null : <p className="hint">Loading…</p>
      ) : (
        <>
          <div className="figures" aria-label="Totals">
            <Figure label="Bookings" value={String(total.bookings)} detail={`${total.done} done`} />
            <Figure label="Revenue" value={money(total.revenue)} detail="visits done, at their booked price" />
            <Figure label="Occupancy" value={percent(total.occupancy)} detail={`${hours(total.bookedMinutes)} of ${hours(total.workingMinutes)} working`} />
            <Figure label="No-shows" value={String(total.noShows)} detail={`${percent(total.noShowRate)} of visits due`} />
            <Figure
              label="Cancellations"
              value={String(total.cancelled.total)}
              detail={`${percent(total.cancellationRate)} · client ${total.cancelled.byClient}, staff ${total.cancelled.byStaff}, unpaid hold ${total.cancelled.holdExpired}`}
            />
            <Figure label="Returning clients" value={`${total.returningClients} of ${total.clients}`} detail={percent(total.returningShare)} />
          </div>
          {analytics.data === undefined ? null : <AnalyticsCharts answer={analytics.data} byMaster={byMaster.data} />}
          <div className="tabs" role="group" aria-label="Group by">
            {TABS.map((tab) => (
              <button key={tab.by} type="button" className="secondary" aria-pressed={by === tab.by} onClick={() => setBy(tab.by)}>
                {tab.label}
              </button>
            ))}
          </div>
          <div className="table-scroll">
            <table aria-label={`Figures by ${by}`}>
              <thead>
                <tr>
                  <th>{groupTitle}</th>
                  <th>Bookings</th>
                  <th>Done</th>
                  <th>No-shows</th>
                  <th>Cancelled</th>
                  <th>Revenue</th>
                  <th>Occupancy</th>
                  <th>Returning</th>
                </tr>
              </thead>
              <tbody>
                {analytics.data?.groups.map((group) => (
                  <tr key={group.id}>
                    <th scope="row">{group.name}</th>
                    <td>{group.bookings}</td>
                    <td>{group.done}</td>
                    <td>
                      {group.noShows} <span className="hint">({percent(group.noShowRate)})</span>
                    </td>
                    <td>
                      {group.cancelled.total} <span className="hint">({percent(group.cancellationRate)})</span>
                    </td>
                    <td>{money(group.revenue)}</td>
                    <td>{percent(group.occupancy)}</td>
                    <td>
                      {group.returningClients} / {group.clients}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {analytics.data?.groups.length === 0 ? <p className="hint">No bookings in this period.</p> : null}
        </>
      )}
    </section>
  );
}
