import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { ApiError, api } from "./api.ts";
import { useAction } from "./useAction.ts";
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

type Kind = "Block hours" | "Days off" | "Holiday" | "Day's hours";
const KINDS: Kind[] = ["Block hours", "Days off", "Holiday", "Day's hours"];

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
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

function days(from: string, to: string): string {
  return from === to ? from : `${from} – ${to}`;
}

function hitsOf(error: unknown): Hit[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const data = error.data as { hits?: Hit[] } | undefined;
  return data?.hits;
}

/** The bookings a time off hits, each with its choice (move to a free master, or cancel and tell the client), and the confirm button. */
function HitsResolver({ pending, busy, onConfirm, onDrop }: { pending: Pending; busy: boolean; onConfirm: (choices: Record<number, string>) => void; onDrop: () => void }) {
  const [choices, setChoices] = useState<Record<number, string>>(() =>
    Object.fromEntries(pending.hits.map((hit) => [hit.bookingId, hit.freeMasters[0] === undefined ? "cancel" : `move:${hit.freeMasters[0].id}`])),
  );
  return (
    <section className="card time-off-hits" aria-labelledby="time-off-hits-title">
      <h2 id="time-off-hits-title">Bookings in the way</h2>
      <p>
        {pending.what}: {pending.message}
      </p>
      <ul className="time-off-hit-list">
        {pending.hits.map((hit) => (
          <li key={hit.bookingId} className="time-off-hit">
            <div>
              <strong>
                {hit.date} {hit.time}–{hit.endTime}
              </strong>{" "}
              {hit.serviceName} with {hit.masterName}
              <br />
              {hit.clientName}
              {hit.clientPhone === null ? "" : `, ${hit.clientPhone}`}
            </div>
            <label>
              What to do
              <select
                aria-label={`What to do with ${hit.clientName}'s booking at ${hit.time}`}
                value={choices[hit.bookingId] ?? "cancel"}
                onChange={(event) => setChoices({ ...choices, [hit.bookingId]: event.target.value })}
              >
                {hit.freeMasters.map((master) => (
                  <option key={master.id} value={`move:${master.id}`}>
                    Move to {master.name} (same time)
                  </option>
                ))}
                <option value="cancel">Cancel and notify the client</option>
              </select>
            </label>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => onConfirm(choices)}>
          Confirm and apply
        </button>
        <button type="button" onClick={onDrop}>
          Keep the bookings
        </button>
      </div>
    </section>
  );
}

/** The form that adds one kind of time off; its request goes to `onSubmit`. */
function AddTimeOff({ data, onSubmit, busy }: { data: TimeOff; busy: boolean; onSubmit: (path: string, body: Record<string, unknown>, what: string) => void }) {
  const [kind, setKind] = useState<Kind>("Block hours");
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
    if (kind === "Block hours") onSubmit("/api/booking/time-off/blocks", { masterId: Number(masterId), date, from, to, reason: note }, `Block ${name} ${date} ${from}–${to}`);
    if (kind === "Days off") onSubmit("/api/booking/time-off/days-off", { masterId: Number(masterId), from: date, to: until, reason: note }, `Days off for ${name}, ${days(date, until)}`);
    if (kind === "Holiday") onSubmit("/api/booking/time-off/holidays", { from: date, to: until, name: note }, `Holiday ${days(date, until)}`);
    if (kind === "Day's hours") onSubmit("/api/booking/time-off/day-hours", { masterId: Number(masterId), date, intervals: parseIntervals(hours) }, `${name}'s hours on ${date}`);
  };

  return (
    <form className="card booking-form" onSubmit={submit} aria-labelledby="add-time-off-title">
      <h2 id="add-time-off-title">Add time off</h2>
      <div className="segmented time-off-kinds" role="group" aria-label="Kind">
        {KINDS.map((name) => (
          <button key={name} type="button" aria-pressed={kind === name} onClick={() => setKind(name)}>
            {name}
          </button>
        ))}
      </div>
      <div className="booking-form-fields">
        {kind === "Holiday" ? null : (
          <label>
            Master
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
          {kind === "Days off" || kind === "Holiday" ? "From" : "Date"}
          <input type="date" value={date} required onChange={(event) => setDate(event.target.value)} />
        </label>
        {kind === "Days off" || kind === "Holiday" ? (
          <label>
            To
            <input type="date" value={until} required onChange={(event) => setUntil(event.target.value)} />
          </label>
        ) : null}
        {kind === "Block hours" ? (
          <>
            <label>
              From
              <input type="time" value={from} required onChange={(event) => setFrom(event.target.value)} />
            </label>
            <label>
              Until
              <input type="time" value={to} required onChange={(event) => setTo(event.target.value)} />
            </label>
          </>
        ) : null}
        {kind === "Day's hours" ? (
          <label>
            Hours that day
            <input value={hours} placeholder="10:00-14:00, 15:00-18:00 (empty: closed)" onChange={(event) => setHours(event.target.value)} />
          </label>
        ) : (
          <label>
            {kind === "Holiday" ? "Name" : "Note"}
            <input value={note} maxLength={200} placeholder={kind === "Holiday" ? "New Year" : "Training"} onChange={(event) => setNote(event.target.value)} />
          </label>
        )}
      </div>
      {kind === "Block hours" || kind === "Day's hours" ? <p className="hint">Times are on the salon's clock ({master?.timeZone ?? data.timeZone}).</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Add
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
        const changed = done.moved + done.cancelled === 0 ? "" : `; ${done.moved} moved, ${done.cancelled} cancelled, clients and masters notified`;
        setSaved(`${what}: saved${changed}.`);
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
      <h1>Time off</h1>
      {timeOff.isError ? <p className="error">{timeOff.error.message}</p> : null}
      {data === undefined ? (
        <p className="hint">Loading…</p>
      ) : (
        <>
          <AddTimeOff data={data} busy={action.busy} onSubmit={send} />
          {pending === undefined ? null : <HitsResolver key={JSON.stringify(pending.hits.map((hit) => hit.bookingId))} pending={pending} busy={action.busy} onConfirm={confirm} onDrop={() => setPending(undefined)} />}
          <ActionMessage message={action.message ?? (saved === undefined ? undefined : { kind: "notice", text: saved })} />

          <section className="card time-off-list" aria-labelledby="blocks-title">
            <h2 id="blocks-title">Blocked hours</h2>
            {data.blocks.length === 0 ? <p className="hint">No blocked hours ahead.</p> : null}
            <ul>
              {data.blocks.map((block) => (
                <li key={block.id}>
                  <span>
                    <strong>{block.masterName}</strong> {when(block.start, data.timeZone)} – {when(block.end, data.timeZone)}
                    {block.reason === null ? "" : ` · ${block.reason}`}
                  </span>
                  <button type="button" onClick={() => remove(`/api/booking/time-off/blocks/${block.id}/remove`, "The hours are free again.")}>
                    Unblock
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section className="card time-off-list" aria-labelledby="days-off-title">
            <h2 id="days-off-title">Days off and vacations</h2>
            {data.daysOff.length === 0 ? <p className="hint">No days off ahead.</p> : null}
            <ul>
              {data.daysOff.map((entry) => (
                <li key={entry.id}>
                  <span>
                    <strong>{entry.masterName}</strong> {days(entry.from, entry.to)}
                    {entry.reason === null ? "" : ` · ${entry.reason}`}
                  </span>
                  <button type="button" onClick={() => remove(`/api/booking/time-off/days-off/${entry.id}/remove`, `${entry.masterName} works those days again.`)}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section className="card time-off-list" aria-labelledby="holidays-title">
            <h2 id="holidays-title">Holidays (whole business)</h2>
            {data.holidays.length === 0 ? <p className="hint">No holidays ahead.</p> : null}
            <ul>
              {data.holidays.map((entry) => (
                <li key={entry.id}>
                  <span>
                    {days(entry.from, entry.to)}
                    {entry.name === null ? "" : ` · ${entry.name}`}
                  </span>
                  <button type="button" onClick={() => remove(`/api/booking/time-off/holidays/${entry.id}/remove`, "The business is open those days again.")}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section className="card time-off-list" aria-labelledby="day-hours-title">
            <h2 id="day-hours-title">Days with their own hours</h2>
            {data.dayHours.length === 0 ? <p className="hint">No days with their own hours ahead.</p> : null}
            <ul>
              {data.dayHours.map((entry) => (
                <li key={`${entry.masterId}:${entry.date}`}>
                  <span>
                    <strong>{entry.masterName}</strong> {entry.date}:{" "}
                    {entry.intervals.length === 0 ? "closed" : entry.intervals.map((interval) => `${clock(interval.start)}–${clock(interval.end)}`).join(", ")}
                  </span>
                  <button type="button" onClick={() => send("/api/booking/time-off/day-hours/clear", { masterId: entry.masterId, date: entry.date }, `${entry.masterName}'s weekly hours on ${entry.date}`)}>
                    Back to weekly hours
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
