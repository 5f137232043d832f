import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { formatPrice, formatVisit } from "./booking-format.ts";
import { useAction } from "./useAction.ts";
import "./people-pages.css";
import "./booking-insights.css";
import "./after-visit.css";

interface Review {
  bookingId: number;
  master: string;
  service: string;
  client: string;
  visitAt: string;
  timeZone: string;
  stars: number;
  text: string | null;
  ratedAt: string;
}

interface MasterRating {
  id: number;
  name: string;
  reviews: number;
  average: number | null;
}

interface FlaggedPayment {
  paymentId: number;
  bookingId: number;
  client: string;
  clientPhone: string | null;
  service: string;
  visitAt: string;
  timeZone: string;
  amountMinor: number;
  currency: string;
  providerChargeId: string;
  telegramChargeId: string;
  paidAt: string;
  refundedAt: string | null;
  refundedById: number | null;
  refundedBy: string | null;
  note: string | null;
}

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const starsOf = (stars: number) => "★".repeat(stars) + "☆".repeat(5 - stars);

/** One payment to refund, with its note field and "Record refund". */
function RefundToMake({ payment, onRecord, busy }: { payment: FlaggedPayment; onRecord: (payment: FlaggedPayment, note: string) => void; busy: boolean }) {
  const [note, setNote] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRecord(payment, note);
  };
  return (
    <tr>
      <td>#{payment.bookingId}</td>
      <td>
        {payment.client}
        {payment.clientPhone === null ? null : <div className="hint">{payment.clientPhone}</div>}
      </td>
      <td>
        {payment.service}
        <div className="hint">{formatVisit(payment.visitAt, payment.timeZone)}</div>
      </td>
      <td>{formatPrice(payment.amountMinor, payment.currency)}</td>
      <td className="charge-ids">
        <div>Provider: {payment.providerChargeId}</div>
        <div className="hint">Telegram: {payment.telegramChargeId}</div>
      </td>
      <td>{when(payment.paidAt)}</td>
      <td>
        <form className="refund-form" aria-label={`Refund for booking #${payment.bookingId}`} onSubmit={submit}>
          <label>
            Note (optional)
            <input value={note} maxLength={200} placeholder="Provider's refund id" onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            Record refund
          </button>
        </form>
      </td>
    </tr>
  );
}

function Refunds() {
  const refunds = useQuery({ queryKey: ["booking-refunds"], queryFn: () => api<{ refunds: FlaggedPayment[]; recorded: FlaggedPayment[] }>("/api/booking/refunds") });
  const action = useAction(["booking-refunds"]);
  const record = (payment: FlaggedPayment, note: string) =>
    action.run(
      () => api(`/api/booking/refunds/${payment.paymentId}/record`, { body: { note } }),
      `Recorded: ${formatPrice(payment.amountMinor, payment.currency)} refunded to ${payment.client}. They have been told.`,
    );
  if (refunds.isPending) return <p className="hint">Loading…</p>;
  if (refunds.isError)
    return (
      <p role="alert" className="error">
        {refunds.error.message}
      </p>
    );
  const { refunds: toMake, recorded } = refunds.data;
  return (
    <>
      <h2>Refunds to make</h2>
      <p className="hint">Prepayments that arrived after their time was taken. Telegram cannot refund them: refund each in the payment provider, then record it here and the client is told.</p>
      <ActionMessage message={action.message} />
      {toMake.length === 0 ? (
        <p>Nothing to refund.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Refunds to make">
            <thead>
              <tr>
                <th>Booking</th>
                <th>Client</th>
                <th>Visit</th>
                <th>Amount</th>
                <th>Charge ids</th>
                <th>Waiting since</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {toMake.map((payment) => (
                <RefundToMake key={payment.paymentId} payment={payment} onRecord={record} busy={action.busy} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Recorded refunds</h2>
      {recorded.length === 0 ? (
        <p>No refunds recorded yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Recorded refunds">
            <thead>
              <tr>
                <th>Booking</th>
                <th>Client</th>
                <th>Amount</th>
                <th>Provider charge</th>
                <th>Refunded</th>
                <th>By</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {recorded.map((payment) => (
                <tr key={payment.paymentId}>
                  <td>#{payment.bookingId}</td>
                  <td>{payment.client}</td>
                  <td>{formatPrice(payment.amountMinor, payment.currency)}</td>
                  <td className="charge-ids">{payment.providerChargeId}</td>
                  <td>{payment.refundedAt === null ? "—" : when(payment.refundedAt)}</td>
                  <td>{payment.refundedBy ?? (payment.refundedById === null ? "—" : `#${payment.refundedById}`)}</td>
                  <td>{payment.note ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Reviews() {
  const [master, setMaster] = useState("");
  const [stars, setStars] = useState("");
  const query = new URLSearchParams();
  if (master !== "") query.set("master", master);
  if (stars !== "") query.set("stars", stars);
  const reviews = useQuery({
    queryKey: ["booking-reviews", master, stars],
    queryFn: () => api<{ reviews: Review[]; masters: MasterRating[] }>(`/api/booking/reviews?${query.toString()}`),
  });
  if (reviews.isPending) return <p className="hint">Loading…</p>;
  if (reviews.isError)
    return (
      <p role="alert" className="error">
        {reviews.error.message}
      </p>
    );
  const { reviews: listed, masters } = reviews.data;
  return (
    <>
      <h2>Reviews</h2>
      <div className="figures" aria-label="Average rating per master">
        {masters.map((rating) => (
          <div key={rating.id} className="card insight">
            <h3>{rating.name}</h3>
            <strong>{rating.average === null ? "—" : `★ ${rating.average.toFixed(1)}`}</strong>
            <span className="hint">{rating.reviews === 1 ? "1 review" : `${rating.reviews} reviews`}</span>
          </div>
        ))}
      </div>
      <div className="toolbar">
        <label>
          Master
          <select value={master} onChange={(event) => setMaster(event.target.value)}>
            <option value="">All masters</option>
            {masters.map((rating) => (
              <option key={rating.id} value={String(rating.id)}>
                {rating.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stars
          <select value={stars} onChange={(event) => setStars(event.target.value)}>
            <option value="">Any</option>
            {[5, 4, 3, 2, 1].map((count) => (
              <option key={count} value={String(count)}>
                {starsOf(count)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {listed.length === 0 ? (
        <p>No reviews{master === "" && stars === "" ? " yet" : " match"}.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Reviews">
            <thead>
              <tr>
                <th>Rated</th>
                <th>Stars</th>
                <th>Review</th>
                <th>Client</th>
                <th>Master</th>
                <th>Service</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((review) => (
                <tr key={review.bookingId}>
                  <td>{when(review.ratedAt)}</td>
                  <td className="stars" aria-label={`${review.stars} of 5 stars`}>
                    {starsOf(review.stars)}
                  </td>
                  <td className="review-text">{review.text ?? <span className="hint">No text</span>}</td>
                  <td>{review.client}</td>
                  <td>{review.master}</td>
                  <td>
                    {review.service}
                    <div className="hint">{formatVisit(review.visitAt, review.timeZone)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/**
 * After visits: prepayments to refund (record each once it is refunded in the provider; the
 * client is told) and those recorded, then clients' reviews with each master's average, filtered
 * by master and stars.
 */
export function BookingAfterVisitPage() {
  return (
    <section className="people-page booking-insights after-visit">
      <h1>Reviews &amp; refunds</h1>
      <Refunds />
      <Reviews />
    </section>
  );
}
