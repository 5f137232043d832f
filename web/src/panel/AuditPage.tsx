import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "./api.ts";
import { AuditChanges } from "./AuditChanges.tsx";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import "./people-pages.css";

interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  source: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

interface Filters {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: "", action: "", objectType: "", objectId: "", from: "", to: "" };

/** The API's query string for filters: days as the whole local day, empty fields left out. */
function queryOf(filters: Filters, page?: number): string {
  const query = new URLSearchParams();
  if (filters.actor.trim() !== "") query.set("actor", filters.actor.trim());
  if (filters.action.trim() !== "") query.set("action", filters.action.trim());
  if (filters.objectType.trim() !== "") query.set("objectType", filters.objectType.trim());
  if (filters.objectId.trim() !== "") query.set("objectId", filters.objectId.trim());
  if (filters.from !== "") query.set("from", new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to !== "") query.set("to", new Date(`${filters.to}T23:59:59.999`).toISOString());
  if (page !== undefined) query.set("page", String(page));
  return query.toString();
}

/** Who changed what, when and from where: filtered, paged, and downloadable as CSV. */
export function AuditPage() {
  const t = useT();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const audit = useQuery({
    queryKey: ["audit", filters, page],
    queryFn: () => api<{ entries: AuditEntry[]; page: number; hasMore: boolean }>(`/api/audit?${queryOf(filters, page)}`),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setPage(1);
  };
  const field = (name: keyof Filters, label: string, type = "text") => (
    <label>
      {label}
      <input type={type} value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} />
    </label>
  );
  return (
    <section className="people-page">
      <h1>{t("access-nav-audit")}</h1>
      <form className="toolbar" onSubmit={apply} aria-label={t("access-audit-filters")}>
        {field("actor", t("access-audit-actor"))}
        {field("action", t("access-audit-action-filter"))}
        {field("objectType", t("access-audit-object-type"))}
        {field("objectId", t("access-audit-object-id"))}
        {field("from", t("access-audit-from-day"), "date")}
        {field("to", t("access-audit-to-day"), "date")}
        <button type="submit" className="primary">
          {t("access-audit-filter")}
        </button>
        <a href={`/api/audit.csv?${queryOf(filters)}`} download>
          {t("access-audit-csv")}
        </a>
        <a href={`/api/audit.xlsx?${queryOf(filters)}`} download>
          {t("access-audit-xlsx")}
        </a>
      </form>
      {audit.isPending ? (
        <p>{t("panel-loading")}</p>
      ) : audit.isError ? (
        <p role="alert" className="error">
          {audit.error.message}
        </p>
      ) : audit.data.entries.length === 0 ? (
        <p className="hint">{t("access-audit-nothing")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t("access-audit-when")}</th>
                <th>{t("access-audit-who")}</th>
                <th>{t("access-audit-action")}</th>
                <th>{t("access-audit-object")}</th>
                <th>{t("access-audit-changes")}</th>
                <th>{t("access-audit-source")}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{new Date(entry.at).toLocaleString(panelLocale())}</td>
                  <td>{entry.actorName ?? (entry.actorId === null ? entry.source : String(entry.actorId))}</td>
                  <td>{entry.action}</td>
                  <td>{entry.objectType === null ? "" : `${entry.objectType} ${entry.objectId ?? ""}`}</td>
                  <td>
                    <AuditChanges before={entry.before} after={entry.after} />
                  </td>
                  <td>
                    {entry.source}
                    {entry.ip === null ? "" : ` · ${entry.ip}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        <button type="button" className="secondary" disabled={page === 1} onClick={() => setPage(page - 1)}>
          {t("access-audit-newer")}
        </button>
        <span>{t("access-audit-page", { page })}</span>
        <button type="button" className="secondary" disabled={audit.data?.hasMore !== true} onClick={() => setPage(page + 1)}>
          {t("access-audit-older")}
        </button>
      </div>
    </section>
  );
}
