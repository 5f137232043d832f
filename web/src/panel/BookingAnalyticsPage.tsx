import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "./api.ts";
import { bookingsPerDay, NO_FIGURE, occupancyByMaster, revenuePerDay } from "./booking-analytics-charts.ts";
import { formatPrice } from "./booking-format.ts";
import { Chart } from "./Chart.tsx";
import { useT, type Translate } from "./i18n/useT.ts";
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

const TABS: Dimension[] = ["master", "location", "service"];

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

const percent = (value: number | null) =>
  value === null ? NO_FIGURE : new Intl.NumberFormat(panelLocale(), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
const money = (revenue: Figures["revenue"]) => (revenue.length === 0 ? NO_FIGURE : revenue.map((entry) => formatPrice(entry.amountMinor, entry.currency)).join(" + "));
const hours = (minutes: number | null) =>
  minutes === null ? NO_FIGURE : new Intl.NumberFormat(panelLocale(), { style: "unit", unit: "hour", unitDisplay: "short", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(minutes / 60);
const count = (value: number) => new Intl.NumberFormat(panelLocale()).format(value);

/** The table's heading of the grouping column. */
const groupTitle = (t: Translate, by: Dimension) => t(`booking-analytics-group-${by}`);

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
  const t = useT();
  const locale = panelLocale();
  const perDay = useMemo(() => [bookingsPerDay(answer.days, locale, t), revenuePerDay(answer.days, locale, t)], [answer, locale, t]);
  const occupancy = useMemo(() => (byMaster === undefined ? undefined : occupancyByMaster(byMaster.groups, locale, t)), [byMaster, locale, t]);
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
  const t = useT();
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

  return (
    <section className="people-page booking-insights">
      <h1>{t("booking-nav-analytics")}</h1>
      <div className="toolbar" role="group" aria-label={t("booking-analytics-period")}>
        <label>
          {t("booking-analytics-from")}
          <input type="date" value={period.from} onChange={(event) => setPeriod({ ...period, from: event.target.value })} />
        </label>
        <label>
          {t("booking-analytics-to")}
          <input type="date" value={period.to} onChange={(event) => setPeriod({ ...period, to: event.target.value })} />
        </label>
        <button type="button" className="secondary" onClick={() => setPeriod(thisMonth())}>
          {t("booking-analytics-this-month")}
        </button>
        <button type="button" className="secondary" onClick={() => setPeriod(lastMonth())}>
          {t("booking-analytics-last-month")}
        </button>
        <a href={`/api/booking/analytics.csv?${query}`} download>
          {t("booking-analytics-csv")}
        </a>
        <a href={`/api/booking/analytics.xlsx?${query}`} download>
          {t("booking-analytics-xlsx")}
        </a>
      </div>
      {analytics.isError ? (
        <p role="alert" className="error">
          {analytics.error.message}
        </p>
      ) : null}
      {total === undefined ? (
        analytics.isError ? null : <p className="hint">{t("panel-loading")}</p>
      ) : (
        <>
          <div className="figures" aria-label={t("booking-analytics-totals")}>
            <Figure label={t("booking-analytics-bookings")} value={count(total.bookings)} detail={t("booking-analytics-done-count", { done: total.done })} />
            <Figure label={t("booking-analytics-revenue")} value={money(total.revenue)} detail={t("booking-analytics-revenue-detail")} />
            <Figure
              label={t("booking-analytics-occupancy")}
              value={percent(total.occupancy)}
              detail={t("booking-analytics-occupancy-detail", { booked: hours(total.bookedMinutes), working: hours(total.workingMinutes) })}
            />
            <Figure label={t("booking-analytics-no-shows")} value={count(total.noShows)} detail={t("booking-analytics-no-shows-detail", { rate: percent(total.noShowRate) })} />
            <Figure
              label={t("booking-analytics-cancellations")}
              value={count(total.cancelled.total)}
              detail={t("booking-analytics-cancellations-detail", {
                rate: percent(total.cancellationRate),
                client: total.cancelled.byClient,
                staff: total.cancelled.byStaff,
                hold: total.cancelled.holdExpired,
              })}
            />
            <Figure
              label={t("booking-analytics-returning")}
              value={t("booking-analytics-returning-of", { returning: total.returningClients, clients: total.clients })}
              detail={percent(total.returningShare)}
            />
          </div>
          {analytics.data === undefined ? null : <AnalyticsCharts answer={analytics.data} byMaster={byMaster.data} />}
          <div className="tabs" role="group" aria-label={t("booking-analytics-group-by")}>
            {TABS.map((tab) => (
              <button key={tab} type="button" className="secondary" aria-pressed={by === tab} onClick={() => setBy(tab)}>
                {t(`booking-analytics-by-${tab}`)}
              </button>
            ))}
          </div>
          <div className="table-scroll">
            <table aria-label={t(`booking-analytics-figures-by-${by}`)}>
              <thead>
                <tr>
                  <th>{groupTitle(t, by)}</th>
                  <th>{t("booking-analytics-bookings")}</th>
                  <th>{t("booking-analytics-done")}</th>
                  <th>{t("booking-analytics-no-shows")}</th>
                  <th>{t("booking-analytics-cancelled")}</th>
                  <th>{t("booking-analytics-revenue")}</th>
                  <th>{t("booking-analytics-occupancy")}</th>
                  <th>{t("booking-analytics-returning-short")}</th>
                </tr>
              </thead>
              <tbody>
                {analytics.data?.groups.map((group) => (
                  <tr key={group.id}>
                    <th scope="row">{group.name}</th>
                    <td>{count(group.bookings)}</td>
                    <td>{count(group.done)}</td>
                    <td>
                      {count(group.noShows)} <span className="hint">{t("booking-analytics-rate", { rate: percent(group.noShowRate) })}</span>
                    </td>
                    <td>
                      {count(group.cancelled.total)} <span className="hint">{t("booking-analytics-rate", { rate: percent(group.cancellationRate) })}</span>
                    </td>
                    <td>{money(group.revenue)}</td>
                    <td>{percent(group.occupancy)}</td>
                    <td>{t("booking-analytics-returning-ratio", { returning: group.returningClients, clients: group.clients })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {analytics.data?.groups.length === 0 ? <p className="hint">{t("booking-analytics-none")}</p> : null}
        </>
      )}
    </section>
  );
}
