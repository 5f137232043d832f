import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "./api.ts";
import { STATUS_TEXT, formatPrice, formatVisit, type BookingStatus } from "./booking-format.ts";
import "./people-pages.css";
import "./booking-insights.css";

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

const CANCELLED_BY: Record<string, string> = { client: "by the client", staff: "by staff", "hold-expired": "unpaid hold ran out" };
const day = (iso: string | null) => (iso === null ? "—" : new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }));

function Card({ clientId, onClose }: { clientId: number; onClose: () => void }) {
  const card = useQuery({ queryKey: ["booking-client", clientId], queryFn: () => api<ClientCard>(`/api/booking/clients/${clientId}`) });
  if (card.isPending) return <p className="hint">Loading…</p>;
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
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <dl>
        <dt>Phone</dt>
        <dd>{client.phone ?? "—"}</dd>
        <dt>Telegram</dt>
        <dd>{client.telegramLinked ? "Linked: reachable by the bot and broadcasts" : "Not linked (phone only)"}</dd>
        <dt>Client since</dt>
        <dd>{day(client.since)}</dd>
        <dt>First visit</dt>
        <dd>{day(client.firstVisitAt)}</dd>
        <dt>Last visit</dt>
        <dd>{day(client.lastVisitAt)}</dd>
        <dt>Bookings</dt>
        <dd>
          {client.counts.bookings}: {client.counts.done} done, {client.counts.noShows} no-shows, {client.counts.cancelled} cancelled, {client.counts.upcoming} upcoming
        </dd>
        <dt>Spent</dt>
        <dd>{client.spent.length === 0 ? "—" : client.spent.map((entry) => formatPrice(entry.amountMinor, entry.currency)).join(" + ")}</dd>
      </dl>
      <h3>History</h3>
      {client.bookings.length === 0 ? (
        <p className="hint">No bookings yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Booking history">
            <thead>
              <tr>
                <th>When</th>
                <th>Service</th>
                <th>Master</th>
                <th>Status</th>
                <th>Price</th>
              </tr>
            </thead>
            <tbody>
              {client.bookings.map((booking) => (
                <tr key={booking.id}>
                  <td>{formatVisit(booking.startsAt, booking.timeZone)}</td>
                  <td>{booking.serviceName}</td>
                  <td>{booking.masterName}</td>
                  <td>
                    <span className={`status status-${booking.status}`}>{STATUS_TEXT[booking.status]}</span>
                    {booking.cancelledBy === null ? null : <span className="hint"> {CANCELLED_BY[booking.cancelledBy]}</span>}
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
      <h1>Clients</h1>
      <form className="toolbar" role="search" onSubmit={submit}>
        <label>
          Name or phone
          <input type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
        </label>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {openId === undefined ? null : <Card key={openId} clientId={openId} onClose={() => setOpenId(undefined)} />}
      {clients.isPending ? (
        <p className="hint">Loading…</p>
      ) : clients.isError ? (
        <p role="alert" className="error">
          {clients.error.message}
        </p>
      ) : clients.data.clients.length === 0 ? (
        <p className="hint">No client matches.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Clients">
            <thead>
              <tr>
                <th>Name</th>
                <th>Phone</th>
                <th>Telegram</th>
                <th>Bookings</th>
                <th>Last visit</th>
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
                  <td>{client.telegramLinked ? "Linked" : "—"}</td>
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
