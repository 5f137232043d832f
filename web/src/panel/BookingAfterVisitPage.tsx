import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { formatPrice, formatVisit } from "./booking-format.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
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

const when = (iso: string) => new Date(iso).toLocaleString(panelLocale(), { hourCycle: "h23", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const starsOf = (stars: number) => "★".repeat(stars) + "☆".repeat(5 - stars);

/** One payment to refund, with its note field and "Record refund". */
function RefundToMake({ payment, onRecord, busy }: { payment: FlaggedPayment; onRecord: (payment: FlaggedPayment, note: string) => void; busy: boolean }) {
  const t = useT();
  const [note, setNote] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRecord(payment, note);
  };
  return (
    <tr>
      <td>{t("booking-after-booking-number", { id: payment.bookingId })}</td>
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
        <div>{t("booking-after-provider-charge-id", { id: payment.providerChargeId })}</div>
        <div className="hint">{t("booking-after-telegram-charge-id", { id: payment.telegramChargeId })}</div>
      </td>
      <td>{when(payment.paidAt)}</td>
      <td>
        <form className="refund-form" aria-label={t("booking-after-refund-for", { id: payment.bookingId })} onSubmit={submit}>
          <label>
            {t("booking-after-note")}
            <input value={note} maxLength={200} placeholder={t("booking-after-note-hint")} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t("booking-after-record")}
          </button>
        </form>
      </td>
    </tr>
  );
}

function Refunds() {
  const t = useT();
  const refunds = useQuery({ queryKey: ["booking-refunds"], queryFn: () => api<{ refunds: FlaggedPayment[]; recorded: FlaggedPayment[] }>("/api/booking/refunds") });
  const action = useAction(["booking-refunds"]);
  const record = (payment: FlaggedPayment, note: string) =>
    action.run(
      () => api(`/api/booking/refunds/${payment.paymentId}/record`, { body: { note } }),
      t("booking-after-recorded", { amount: formatPrice(payment.amountMinor, payment.currency), client: payment.client }),
    );
  if (refunds.isPending) return <p className="hint">{t("panel-loading")}</p>;
  if (refunds.isError)
    return (
      <p role="alert" className="error">
        {refunds.error.message}
      </p>
    );
  const { refunds: toMake, recorded } = refunds.data;
  return (
    <>
      <h2>{t("booking-after-to-make")}</h2>
      <p className="hint">{t("booking-after-to-make-hint")}</p>
      <ActionMessage message={action.message} />
      {toMake.length === 0 ? (
        <p>{t("booking-after-nothing")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={t("booking-after-to-make")}>
            <thead>
              <tr>
                <th>{t("booking-after-booking")}</th>
                <th>{t("booking-after-client")}</th>
                <th>{t("booking-after-visit")}</th>
                <th>{t("booking-after-amount")}</th>
                <th>{t("booking-after-charge-ids")}</th>
                <th>{t("booking-after-waiting-since")}</th>
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
      <h2>{t("booking-after-recorded-title")}</h2>
      {recorded.length === 0 ? (
        <p>{t("booking-after-none-recorded")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={t("booking-after-recorded-title")}>
            <thead>
              <tr>
                <th>{t("booking-after-booking")}</th>
                <th>{t("booking-after-client")}</th>
                <th>{t("booking-after-amount")}</th>
                <th>{t("booking-after-provider-charge")}</th>
                <th>{t("booking-after-refunded")}</th>
                <th>{t("booking-after-by")}</th>
                <th>{t("booking-after-note-column")}</th>
              </tr>
            </thead>
            <tbody>
              {recorded.map((payment) => (
                <tr key={payment.paymentId}>
                  <td>{t("booking-after-booking-number", { id: payment.bookingId })}</td>
                  <td>{payment.client}</td>
                  <td>{formatPrice(payment.amountMinor, payment.currency)}</td>
                  <td className="charge-ids">{payment.providerChargeId}</td>
                  <td>{payment.refundedAt === null ? "—" : when(payment.refundedAt)}</td>
                  <td>{payment.refundedBy ?? (payment.refundedById === null ? "—" : t("booking-after-booking-number", { id: payment.refundedById }))}</td>
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
  const t = useT();
  const [master, setMaster] = useState("");
  const [stars, setStars] = useState("");
  const query = new URLSearchParams();
  if (master !== "") query.set("master", master);
  if (stars !== "") query.set("stars", stars);
  const reviews = useQuery({
    queryKey: ["booking-reviews", master, stars],
    queryFn: () => api<{ reviews: Review[]; masters: MasterRating[] }>(`/api/booking/reviews?${query.toString()}`),
  });
  if (reviews.isPending) return <p className="hint">{t("panel-loading")}</p>;
  if (reviews.isError)
    return (
      <p role="alert" className="error">
        {reviews.error.message}
      </p>
    );
  const { reviews: listed, masters } = reviews.data;
  return (
    <>
      <h2>{t("booking-after-reviews")}</h2>
      <div className="figures" aria-label={t("booking-after-average-per-master")}>
        {masters.map((rating) => (
          <div key={rating.id} className="card insight">
            <h3>{rating.name}</h3>
            <strong>{rating.average === null ? "—" : t("booking-after-average", { average: rating.average })}</strong>
            <span className="hint">{t("booking-after-review-count", { count: rating.reviews })}</span>
          </div>
        ))}
      </div>
      <div className="toolbar">
        <label>
          {t("booking-after-master")}
          <select value={master} onChange={(event) => setMaster(event.target.value)}>
            <option value="">{t("booking-after-all-masters")}</option>
            {masters.map((rating) => (
              <option key={rating.id} value={String(rating.id)}>
                {rating.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("booking-after-stars")}
          <select value={stars} onChange={(event) => setStars(event.target.value)}>
            <option value="">{t("booking-after-any")}</option>
            {[5, 4, 3, 2, 1].map((count) => (
              <option key={count} value={String(count)}>
                {starsOf(count)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {listed.length === 0 ? (
        <p>{master === "" && stars === "" ? t("booking-after-no-reviews") : t("booking-after-no-reviews-match")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={t("booking-after-reviews")}>
            <thead>
              <tr>
                <th>{t("booking-after-rated")}</th>
                <th>{t("booking-after-stars")}</th>
                <th>{t("booking-after-review")}</th>
                <th>{t("booking-after-client")}</th>
                <th>{t("booking-after-master")}</th>
                <th>{t("booking-after-service")}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((review) => (
                <tr key={review.bookingId}>
                  <td>{when(review.ratedAt)}</td>
                  <td className="stars" aria-label={t("booking-after-stars-of-5", { stars: review.stars })}>
                    {starsOf(review.stars)}
                  </td>
                  <td className="review-text">{review.text ?? <span className="hint">{t("booking-after-no-text")}</span>}</td>
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
  const t = useT();
  return (
    <section className="people-page booking-insights after-visit">
      <h1>{t("booking-nav-after-visit")}</h1>
      <Refunds />
      <Reviews />
    </section>
  );
}
