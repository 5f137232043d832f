import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { ApiError, api } from "./api.ts";
import { useAction } from "./useAction.ts";
import { useT, type Translate } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import "./settings-pages.css";
import "./booking-calendar.css";
import "./booking-time-off.css";

interface Interval {
  start: number;
  end: number;
}

interface TimeOff {
  today: string;
  timeZone: string;
  masters: { id: number; name: string; timeZone: string }[];
  daysOff: { id: number; masterId: number; masterName: string; from: string; to: string; reason: string | null }[];
  holidays: { id: number; from: string; to: string; name: string | null }[];
  dayHours: { masterId: number; masterName: string; date: string; intervals: Interval[] }[];
  blocks: { id: number; masterId: number; masterName: string; start: string; end: string; reason: string | null }[];
}

/** A booking in the way of a time off, as the API lists it in its 409 answer. */
interface Hit {
  bookingId: number;
  clientName: string;
  clientPhone: string | null;
  serviceName: string;
  masterName: string;
  date: string;
  time: string;
  endTime: string;
  freeMasters: { id: number; name: string }[];
}

/** A change the server refused because it hits bookings: sent again with a choice for each. */
interface Pending {
  path: string;
  body: Record<string, unknown>;
  what: string;
  message: string;
  hits: Hit[];
}

type Kind = "block" | "days-off" | "holiday" | "day-hours";
const KINDS: Kind[] = ["block", "days-off", "holiday", "day-hours"];

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "10:00-14:00, 15:00-18:00" -> intervals as the API takes them; empty means closed that day. */
function parseIntervals(text: string): { from: string; to: string }[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const [from = "", to = ""] = part.split(/\s*[-–]\s*/);
      return { from, to };
    });
}

/** An instant on the salon's clock: "Tue 3 Mar, 09:30". */
function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(panelLocale(), { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

/** A calendar day `2026-03-02` in the panel's language ("2 Mar 2026"). */
function day(date: string): string {
  return new Intl.DateTimeFormat(panelLocale(), { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(new Date(`${date}T12:00:00Z`));
}

function days(t: Translate, from: string, to: string): string {
  return from === to ? day(from) : t("booking-time-off-days", { from: day(from), to: day(to) });
}

function hitsOf(error: unknown): Hit[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const data = error.data as { hits?: Hit[] } | undefined;
  return data?.hits;
}

/** The bookings a time off hits, each with its choice (move to a free master, or cancel and tell the client), and the confirm button. */
function HitsResolver({ pending, busy, onConfirm, onDrop }: { pending: Pending; busy: boolean; onConfirm: (choices: Record<number, string>) => void; onDrop: () => void }) {
  const t = useT();
  const [choices, setChoices] = useState<Record<number, string>>(() =>
    Object.fromEntries(pending.hits.map((hit) => [hit.bookingId, hit.freeMasters[0] === undefined ? "cancel" : `move:${hit.freeMasters[0].id}`])),
  );
  return (
    <section className="card time-off-hits" aria-labelledby="time-off-hits-title">
      <h2 id="time-off-hits-title">{t("booking-time-off-hits")}</h2>
      <p>{t("booking-time-off-hits-message", { what: pending.what, message: pending.message })}</p>
      <ul className="time-off-hit-list">
        {pending.hits.map((hit) => (
          <li key={hit.bookingId} className="time-off-hit">
            <div>
              <strong>{t("booking-time-off-hit-when", { date: day(hit.date), from: hit.time, to: hit.endTime })}</strong>{" "}
              {t("booking-time-off-hit-service", { service: hit.serviceName, master: hit.masterName })}
              <br />
              {hit.clientPhone === null ? hit.clientName : t("booking-time-off-hit-client", { client: hit.clientName, phone: hit.clientPhone })}
            </div>
            <label>
              {t("booking-time-off-what-to-do")}
              <select
                aria-label={t("booking-time-off-what-to-do-with", { client: hit.clientName, time: hit.time })}
                value={choices[hit.bookingId] ?? "cancel"}
                onChange={(event) => setChoices({ ...choices, [hit.bookingId]: event.target.value })}
              >
                {hit.freeMasters.map((master) => (
                  <option key={master.id} value={`move:${master.id}`}>
                    {t("booking-time-off-move-to", { master: master.name })}
                  </option>
                ))}
                <option value="cancel">{t("booking-time-off-cancel-notify")}</option>
              </select>
            </label>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => onConfirm(choices)}>
          {t("booking-time-off-confirm")}
        </button>
        <button type="button" onClick={onDrop}>
          {t("booking-time-off-keep")}
        </button>
      </div>
    </section>
  );
}

/** The form that adds one kind of time off; its request goes to `onSubmit`. */
function AddTimeOff({ data, onSubmit, busy }: { data: TimeOff; busy: boolean; onSubmit: (path: string, body: Record<string, unknown>, what: string) => void }) {
  const t = useT();
  const [kind, setKind] = useState<Kind>("block");
  const [masterId, setMasterId] = useState(String(data.masters[0]?.id ?? ""));
  const [date, setDate] = useState(data.today);
  const [until, setUntil] = useState(data.today);
  const [from, setFrom] = useState("12:00");
  const [to, setTo] = useState("14:00");
  const [hours, setHours] = useState("10:00-14:00");
  const [note, setNote] = useState("");
  const master = data.masters.find((candidate) => String(candidate.id) === masterId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = master?.name ?? "";
    if (kind === "block") onSubmit("/api/booking/time-off/blocks", { masterId: Number(masterId), date, from, to, reason: note }, t("booking-time-off-what-block", { name, date: day(date), from, to }));
    if (kind === "days-off") onSubmit("/api/booking/time-off/days-off", { masterId: Number(masterId), from: date, to: until, reason: note }, t("booking-time-off-what-days-off", { name, days: days(t, date, until) }));
    if (kind === "holiday") onSubmit("/api/booking/time-off/holidays", { from: date, to: until, name: note }, t("booking-time-off-what-holiday", { days: days(t, date, until) }));
    if (kind === "day-hours") onSubmit("/api/booking/time-off/day-hours", { masterId: Number(masterId), date, intervals: parseIntervals(hours) }, t("booking-time-off-what-day-hours", { name, date: day(date) }));
  };

  return (
    <form className="card booking-form" onSubmit={submit} aria-labelledby="add-time-off-title">
      <h2 id="add-time-off-title">{t("booking-time-off-add-title")}</h2>
      <div className="segmented time-off-kinds" role="group" aria-label={t("booking-time-off-kind")}>
        {KINDS.map((name) => (
          <button key={name} type="button" aria-pressed={kind === name} onClick={() => setKind(name)}>
            {t(`booking-time-off-kind-${name}`)}
          </button>
        ))}
      </div>
      <div className="booking-form-fields">
        {kind === "holiday" ? null : (
          <label>
            {t("booking-time-off-master")}
            <select value={masterId} required onChange={(event) => setMasterId(event.target.value)}>
              {data.masters.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {kind === "days-off" || kind === "holiday" ? t("booking-time-off-from-day") : t("booking-time-off-date")}
          <input type="date" value={date} required onChange={(event) => setDate(event.target.value)} />
        </label>
        {kind === "days-off" || kind === "holiday" ? (
          <label>
            {t("booking-time-off-to-day")}
            <input type="date" value={until} required onChange={(event) => setUntil(event.target.value)} />
          </label>
        ) : null}
        {kind === "block" ? (
          <>
            <label>
              {t("booking-time-off-from-time")}
              <input type="time" value={from} required onChange={(event) => setFrom(event.target.value)} />
            </label>
            <label>
              {t("booking-time-off-until")}
              <input type="time" value={to} required onChange={(event) => setTo(event.target.value)} />
            </label>
          </>
        ) : null}
        {kind === "day-hours" ? (
          <label>
            {t("booking-time-off-hours-that-day")}
            <input value={hours} placeholder={t("booking-time-off-hours-hint")} onChange={(event) => setHours(event.target.value)} />
          </label>
        ) : (
          <label>
            {kind === "holiday" ? t("booking-time-off-name") : t("booking-time-off-note")}
            <input value={note} maxLength={200} placeholder={kind === "holiday" ? t("booking-time-off-name-hint") : t("booking-time-off-note-hint")} onChange={(event) => setNote(event.target.value)} />
          </label>
        )}
      </div>
      {kind === "block" || kind === "day-hours" ? <p className="hint">{t("booking-time-off-clock", { zone: master?.timeZone ?? data.timeZone })}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t("booking-time-off-add")}
        </button>
      </div>
    </form>
  );
}

/**
 * The Time off page: blocks of hours, days off and vacations per master, business-wide holidays
 * and days with their own hours, each listed with a way to take it back. Adding one that hits
 * bookings shows them with a choice for each (move to a free master, or cancel and notify) and a
 * confirm button; the server then does everything in one transaction.
 */
export function BookingTimeOffPage() {
  const t = useT();
  const timeOff = useQuery({ queryKey: ["booking-time-off"], queryFn: () => api<TimeOff>("/api/booking/time-off") });
  const action = useAction(["booking-time-off", "booking-calendar", "booking-slots"]);
  const [pending, setPending] = useState<Pending | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const data = timeOff.data;

  /** Sends a change; refused for the bookings it hits, it waits in `pending` for a choice per booking. */
  const send = (path: string, body: Record<string, unknown>, what: string) => {
    setSaved(undefined);
    action.run(async () => {
      try {
        const done = await api<{ moved: number; cancelled: number }>(path, { body });
        setPending(undefined);
        setSaved(done.moved + done.cancelled === 0 ? t("booking-time-off-saved", { what }) : t("booking-time-off-saved-with-changes", { what, moved: done.moved, cancelled: done.cancelled }));
      } catch (error) {
        const hits = hitsOf(error);
        if (hits === undefined) throw error;
        setPending({ path, body, what, hits, message: error instanceof Error ? error.message : "" });
      }
    });
  };

  const confirm = (choices: Record<number, string>) => {
    if (pending === undefined) return;
    const resolutions = pending.hits.map((hit) => {
      const choice = choices[hit.bookingId] ?? "cancel";
      return choice === "cancel" ? { bookingId: hit.bookingId, action: "cancel" } : { bookingId: hit.bookingId, action: "move", masterId: Number(choice.slice("move:".length)) };
    });
    send(pending.path, { ...pending.body, resolutions }, pending.what);
  };

  const remove = (path: string, done: string) => {
    setSaved(undefined);
    action.run(() => api(path, { body: {} }), done);
  };

  return (
    <section className="settings-page booking-time-off-page">
      <h1>{t("booking-nav-time-off")}</h1>
      {timeOff.isError ? <p className="error">{timeOff.error.message}</p> : null}
      {data === undefined ? (
        <p className="hint">{t("panel-loading")}</p>
      ) : (
        <>
          <AddTimeOff data={data} busy={action.busy} onSubmit={send} />
          {pending === undefined ? null : <HitsResolver key={JSON.stringify(pending.hits.map((hit) => hit.bookingId))} pending={pending} busy={action.busy} onConfirm={confirm} onDrop={() => setPending(undefined)} />}
          <ActionMessage message={action.message ?? (saved === undefined ? undefined : { kind: "notice", text: saved })} />

          <section className="card time-off-list" aria-labelledby="blocks-title">
            <h2 id="blocks-title">{t("booking-time-off-blocks")}</h2>
            {data.blocks.length === 0 ? <p className="hint">{t("booking-time-off-no-blocks")}</p> : null}
            <ul>
              {data.blocks.map((block) => (
                <li key={block.id}>
                  <span>
                    <strong>{block.masterName}</strong> {t("booking-time-off-span", { from: when(block.start, data.timeZone), to: when(block.end, data.timeZone) })}
                    {block.reason === null ? null : t("booking-time-off-reason", { reason: block.reason })}
                  </span>
                  <button type="button" onClick={() => remove(`/api/booking/time-off/blocks/${block.id}/remove`, t("booking-time-off-unblocked"))}>
                    {t("booking-time-off-unblock")}
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section className="card time-off-list" aria-labelledby="days-off-title">
            <h2 id="days-off-title">{t("booking-time-off-days-off")}</h2>
            {data.daysOff.length === 0 ? <p className="hint">{t("booking-time-off-no-days-off")}</p> : null}
            <ul>
              {data.daysOff.map((entry) => (
                <li key={entry.id}>
                  <span>
                    <strong>{entry.masterName}</strong> {days(t, entry.from, entry.to)}
                    {entry.reason === null ? null : t("booking-time-off-reason", { reason: entry.reason })}
                  </span>
                  <button type="button" onClick={() => remove(`/api/booking/time-off/days-off/${entry.id}/remove`, t("booking-time-off-days-off-removed", { name: entry.masterName }))}>
                    {t("booking-time-off-remove")}
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section className="card time-off-list" aria-labelledby="holidays-title">
            <h2 id="holidays-title">{t("booking-time-off-holidays")}</h2>
            {data.holidays.length === 0 ? <p className="hint">{t("booking-time-off-no-holidays")}</p> : null}
            <ul>
              {data.holidays.map((entry) => (
                <li key={entry.id}>
                  <span>
                    {days(t, entry.from, entry.to)}
                    {entry.name === null ? null : t("booking-time-off-reason", { reason: entry.name })}
                  </span>
                  <button type="button" onClick={() => remove(`/api/booking/time-off/holidays/${entry.id}/remove`, t("booking-time-off-holiday-removed"))}>
                    {t("booking-time-off-remove")}
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section className="card time-off-list" aria-labelledby="day-hours-title">
            <h2 id="day-hours-title">{t("booking-time-off-day-hours")}</h2>
            {data.dayHours.length === 0 ? <p className="hint">{t("booking-time-off-no-day-hours")}</p> : null}
            <ul>
              {data.dayHours.map((entry) => (
                <li key={`${entry.masterId}:${entry.date}`}>
                  <span>
                    <strong>{entry.masterName}</strong>{" "}
                    {t("booking-time-off-day-hours-entry", {
                      date: day(entry.date),
                      hours: entry.intervals.length === 0 ? t("booking-time-off-closed") : entry.intervals.map((interval) => t("booking-time-off-interval", { from: clock(interval.start), to: clock(interval.end) })).join(", "),
                    })}
                  </span>
                  <button type="button" onClick={() => send("/api/booking/time-off/day-hours/clear", { masterId: entry.masterId, date: entry.date }, t("booking-time-off-what-weekly-hours", { name: entry.masterName, date: day(entry.date) }))}>
                    {t("booking-time-off-back-to-weekly")}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}
