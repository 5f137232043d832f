import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { formatPrice, formatVisit, statusKey, type BookingStatus } from "./booking-format.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import "./people-pages.css";
import "./booking-insights.css";
import { useAction } from "./useAction.ts";

interface ClientListing {
  id: number;
  name: string;
  phone: string | null;
  telegramLinked: boolean;
  bookings: number;
  lastVisitAt: string | null;
}

interface ClientCard {
  id: number;
  name: string;
  phone: string | null;
  note: string | null;
  telegramLinked: boolean;
  since: string;
  firstVisitAt: string | null;
  lastVisitAt: string | null;
  counts: { bookings: number; done: number; noShows: number; cancelled: number; upcoming: number };
  spent: { currency: string; amountMinor: number }[];
  bookings: {
    id: number;
    startsAt: string;
    status: BookingStatus;
    cancelledBy: "client" | "staff" | "hold-expired" | null;
    serviceName: string;
    masterName: string;
    timeZone: string;
    priceMinor: number;
    currency: string;
  }[];
}

/** The card's name, phone and private note as staff correct them; the server reads the phone and says what is wrong. */
function ClientEditForm({ client, onDone }: { client: ClientCard; onDone: () => void }) {
  const t = useT();
  const action = useAction(["booking-client", "booking-clients"]);
  const [fields, setFields] = useState({ name: client.name, phone: client.phone ?? "", note: client.note ?? "" });
  const set = (field: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [field]: event.target.value });
  const save = (event: FormEvent) => {
    event.preventDefault();
    action.run(async () => {
      await api(`/api/booking/clients/${client.id}`, { method: "PUT", body: fields });
      onDone();
    }, t("booking-clients-saved"));
  };
  return (
    <form className="client-edit" onSubmit={save} aria-label={t("booking-clients-edit")}>
      <label>
        {t("booking-clients-name")}
        <input value={fields.name} onChange={set("name")} maxLength={100} required />
      </label>
      <label>
        {t("booking-clients-phone")}
        <input value={fields.phone} onChange={set("phone")} inputMode="tel" maxLength={40} />
      </label>
      <label>
        {t("booking-clients-note")}
        <textarea value={fields.note} onChange={set("note")} maxLength={2000} rows={3} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {t("booking-clients-save")}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t("booking-clients-cancel-edit")}
        </button>
      </div>
      <ActionMessage message={action.message} />
    </form>
  );
}

const day = (iso: string | null) => (iso === null ? "—" : new Date(iso).toLocaleDateString(panelLocale(), { day: "numeric", month: "short", year: "numeric" }));

function Card({ clientId, onClose }: { clientId: number; onClose: () => void }) {
  const t = useT();
  const card = useQuery({ queryKey: ["booking-client", clientId], queryFn: () => api<ClientCard>(`/api/booking/clients/${clientId}`) });
  const [editing, setEditing] = useState(false);
  if (card.isPending) return <p className="hint">{t("panel-loading")}</p>;
  if (card.isError)
    return (
      <p role="alert" className="error">
        {card.error.message}
      </p>
    );
  const client = card.data;
  return (
    <section className="card client-card" aria-labelledby="client-card-title">
      <div className="client-card-head">
        <h2 id="client-card-title">{client.name}</h2>
        <div className="actions">
          <a className="button primary" href={`/bookings?client=${client.id}`}>
            {t("booking-clients-book")}
          </a>
          <button type="button" className="secondary" onClick={() => setEditing(true)} disabled={editing}>
            {t("booking-clients-edit")}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t("booking-clients-close")}
          </button>
        </div>
      </div>
      {editing ? <ClientEditForm client={client} onDone={() => setEditing(false)} /> : null}
      <dl>
        <dt>{t("booking-clients-note")}</dt>
        <dd className="client-note">{client.note ?? "—"}</dd>
        <dt>{t("booking-clients-phone")}</dt>
        <dd>{client.phone ?? "—"}</dd>
        <dt>{t("booking-clients-telegram")}</dt>
        <dd>{client.telegramLinked ? t("booking-clients-linked-long") : t("booking-clients-not-linked")}</dd>
        <dt>{t("booking-clients-since")}</dt>
        <dd>{day(client.since)}</dd>
        <dt>{t("booking-clients-first-visit")}</dt>
        <dd>{day(client.firstVisitAt)}</dd>
        <dt>{t("booking-clients-last-visit")}</dt>
        <dd>{day(client.lastVisitAt)}</dd>
        <dt>{t("booking-clients-bookings")}</dt>
        <dd>{t("booking-clients-counts", client.counts)}</dd>
        <dt>{t("booking-clients-spent")}</dt>
        <dd>{client.spent.length === 0 ? "—" : client.spent.map((entry) => formatPrice(entry.amountMinor, entry.currency)).join(" + ")}</dd>
      </dl>
      <h3>{t("booking-clients-history")}</h3>
      {client.bookings.length === 0 ? (
        <p className="hint">{t("booking-clients-no-bookings")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={t("booking-clients-history-table")}>
            <thead>
              <tr>
                <th>{t("booking-clients-when")}</th>
                <th>{t("booking-clients-service")}</th>
                <th>{t("booking-clients-master")}</th>
                <th>{t("booking-clients-status")}</th>
                <th>{t("booking-clients-price")}</th>
              </tr>
            </thead>
            <tbody>
              {client.bookings.map((booking) => (
                <tr key={booking.id}>
                  <td>{formatVisit(booking.startsAt, booking.timeZone)}</td>
                  <td>{booking.serviceName}</td>
                  <td>{booking.masterName}</td>
                  <td>
                    <span className={`status status-${booking.status}`}>{t(statusKey(booking.status))}</span>
                    {booking.cancelledBy === null ? null : <span className="hint">{t(`booking-clients-cancelled-by-${booking.cancelledBy}`)}</span>}
                  </td>
                  <td>{formatPrice(booking.priceMinor, booking.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The salon's clients: find one by name or phone and open their card with every booking. */
export function BookingClientsPage() {
  const t = useT();
  const [draft, setDraft] = useState("");
  const [search, setSearch] = useState("");
  const [openId, setOpenId] = useState<number | undefined>();
  const clients = useQuery({
    queryKey: ["booking-clients", search],
    queryFn: () => api<{ clients: ClientListing[] }>(`/api/booking/clients?${new URLSearchParams({ q: search }).toString()}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft);
  };
  return (
    <section className="people-page booking-insights">
      <h1>{t("booking-nav-clients")}</h1>
      <form className="toolbar" role="search" onSubmit={submit}>
        <label>
          {t("booking-clients-search-label")}
          <input type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t("booking-clients-search")}
        </button>
      </form>
      {openId === undefined ? null : <Card key={openId} clientId={openId} onClose={() => setOpenId(undefined)} />}
      {clients.isPending ? (
        <p className="hint">{t("panel-loading")}</p>
      ) : clients.isError ? (
        <p role="alert" className="error">
          {clients.error.message}
        </p>
      ) : clients.data.clients.length === 0 ? (
        <p className="hint">{t("booking-clients-none")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={t("booking-nav-clients")}>
            <thead>
              <tr>
                <th>{t("booking-clients-name")}</th>
                <th>{t("booking-clients-phone")}</th>
                <th>{t("booking-clients-telegram")}</th>
                <th>{t("booking-clients-bookings")}</th>
                <th>{t("booking-clients-last-visit")}</th>
              </tr>
            </thead>
            <tbody>
              {clients.data.clients.map((client) => (
                <tr key={client.id} aria-selected={client.id === openId}>
                  <td>
                    <button type="button" className="link" onClick={() => setOpenId(client.id)}>
                      {client.name}
                    </button>
                  </td>
                  <td>{client.phone ?? "—"}</td>
                  <td>{client.telegramLinked ? t("booking-clients-linked") : "—"}</td>
                  <td>{client.bookings}</td>
                  <td>{day(client.lastVisitAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
