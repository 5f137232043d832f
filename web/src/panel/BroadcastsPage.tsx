import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { useAction } from "./useAction.ts";
import "./settings-pages.css";
import "./broadcasts.css";

interface SegmentOffer {
  name: string;
  label: string;
  /** A `choice` lists its options (a service, say); a role is one of the bot's roles. */
  params: { name: string; kind: "role" | "number" | "text" | "choice"; label: string; options?: { value: string; label: string }[] }[];
}

interface SegmentsAnswer {
  segments: SegmentOffer[];
  roles: string[];
}

interface LinkButton {
  text: string;
  url: string;
}

interface Report {
  queued: number;
  sent: number;
  blocked: number;
  failed: number;
  pending: number;
  withdrawn: number;
}

interface Broadcast {
  id: number;
  status: "scheduled" | "sending" | "done" | "cancelled";
  text: string;
  photo: string | null;
  buttons: LinkButton[];
  segment: string;
  params: Record<string, unknown>;
  sendAt: string;
  createdAt: string;
  finishedAt: string | null;
  audience: number | null;
  report: Report;
  progress: number;
}

const MAX_BUTTONS = 10;
const STATUS_TEXT: Record<Broadcast["status"], string> = {
  scheduled: "Scheduled",
  sending: "Sending",
  done: "Done",
  cancelled: "Cancelled",
};

/** What Telegram shows of the HTML, for the list: tags dropped, the common entities decoded. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

function FormattingHelp() {
  return (
    <details className="formatting-help">
      <summary>Formatting</summary>
      <ul>
        <li>
          <code>&lt;b&gt;bold&lt;/b&gt;</code>, <code>&lt;i&gt;italic&lt;/i&gt;</code>, <code>&lt;u&gt;underlined&lt;/u&gt;</code>,{" "}
          <code>&lt;s&gt;struck&lt;/s&gt;</code>
        </li>
        <li>
          <code>&lt;a href="https://example.com"&gt;a link&lt;/a&gt;</code>
        </li>
        <li>
          <code>&lt;tg-spoiler&gt;hidden until tapped&lt;/tg-spoiler&gt;</code>, <code>&lt;blockquote&gt;a quote&lt;/blockquote&gt;</code>
        </li>
        <li>
          <code>&lt;code&gt;inline code&lt;/code&gt;</code>, <code>&lt;pre&gt;a block of code&lt;/pre&gt;</code>
        </li>
        <li>
          Write <code>&amp;lt;</code> for a lone &lt; and <code>&amp;amp;</code> for &amp; in a link. Up to 4,096 characters, or 1,024 under a photo.
        </li>
      </ul>
    </details>
  );
}

function ButtonsEditor({ buttons, onChange }: { buttons: LinkButton[]; onChange: (buttons: LinkButton[]) => void }) {
  const set = (index: number, change: Partial<LinkButton>) => onChange(buttons.map((button, i) => (i === index ? { ...button, ...change } : button)));
  return (
    <fieldset className="broadcast-buttons">
      <legend>Link buttons</legend>
      {buttons.map((button, index) => (
        <div className="broadcast-button-row" key={index}>
          <label>
            Button {index + 1} label
            <input value={button.text} maxLength={64} onChange={(event) => set(index, { text: event.target.value })} />
          </label>
          <label>
            Button {index + 1} link
            <input type="url" value={button.url} placeholder="https://" onChange={(event) => set(index, { url: event.target.value })} />
          </label>
          <button type="button" onClick={() => onChange(buttons.filter((_, i) => i !== index))}>
            Remove button {index + 1}
          </button>
        </div>
      ))}
      <button type="button" disabled={buttons.length >= MAX_BUTTONS} onClick={() => onChange([...buttons, { text: "", url: "" }])}>
        Add a button
      </button>
    </fieldset>
  );
}

/** How many people a segment reaches now, and how many of them blocked the bot. */
function AudienceSize({ segment, params }: { segment: string; params: Record<string, string> }) {
  const query = new URLSearchParams({ ...params, segment }).toString();
  const complete = Object.values(params).every((value) => value.trim() !== "");
  const size = useQuery({
    queryKey: ["broadcast-audience", query],
    queryFn: () => api<{ people: number; blocked: number }>(`/api/broadcasts/audience?${query}`),
    enabled: segment !== "" && complete,
    retry: false,
  });
  if (segment === "") return null;
  if (!complete) return <p className="hint">Fill in the audience's details to see its size.</p>;
  if (size.isError) return <p className="hint">{size.error.message}</p>;
  if (size.data === undefined) return <p className="hint">Counting…</p>;
  return (
    <p className="hint" role="status" aria-label="Audience size">
      {size.data.people} {size.data.people === 1 ? "person" : "people"}
      {size.data.blocked > 0 ? `, of whom ${size.data.blocked} blocked the bot and will be skipped` : ""}.
    </p>
  );
}

function ComposeForm({ offer }: { offer: SegmentsAnswer }) {
  const [text, setText] = useState("");
  const [photo, setPhoto] = useState("");
  const [buttons, setButtons] = useState<LinkButton[]>([]);
  const [segment, setSegment] = useState(offer.segments[0]?.name ?? "");
  const [params, setParams] = useState<Record<string, string>>({});
  const [when, setWhen] = useState<"now" | "later">("now");
  const [sendAt, setSendAt] = useState("");
  const action = useAction(["broadcasts"]);
  const chosen = offer.segments.find((candidate) => candidate.name === segment);
  const shownParams = Object.fromEntries((chosen?.params ?? []).map((param) => [param.name, params[param.name] ?? ""]));
  const draft = { text, photo: photo.trim() === "" ? null : photo.trim(), buttons };

  const send = (event: FormEvent) => {
    event.preventDefault();
    const at = when === "later" && sendAt !== "" ? new Date(sendAt).toISOString() : when === "later" ? "not a time" : null;
    action.run(async () => {
      await api<Broadcast>("/api/broadcasts", { body: { ...draft, segment, params: shownParams, sendAt: at } });
      setText("");
      setPhoto("");
      setButtons([]);
    }, when === "now" ? "Sending has started; progress is in the list below." : "Scheduled; it is in the list below.");
  };
  const preview = () => action.run(() => api("/api/broadcasts/preview", { body: draft }), "The preview is on its way to your Telegram.");

  return (
    <form className="settings-form card broadcast-compose" onSubmit={send} aria-labelledby="compose-title">
      <h2 id="compose-title">New broadcast</h2>
      <label>
        Text
        <textarea value={text} rows={6} required onChange={(event) => setText(event.target.value)} />
      </label>
      <FormattingHelp />
      <label>
        Photo (optional): a Telegram file_id or an image link
        <input value={photo} placeholder="https://…" onChange={(event) => setPhoto(event.target.value)} />
      </label>
      <ButtonsEditor buttons={buttons} onChange={setButtons} />

      <fieldset>
        <legend>Audience</legend>
        <label>
          Segment
          <select
            value={segment}
            onChange={(event) => {
              setSegment(event.target.value);
              setParams({});
            }}
          >
            {offer.segments.map((candidate) => (
              <option key={candidate.name} value={candidate.name}>
                {candidate.label}
              </option>
            ))}
          </select>
        </label>
        {chosen?.params.map((param) => (
          <label key={param.name}>
            {param.label}
            {param.kind === "role" || param.kind === "choice" ? (
              <select aria-label={param.label} value={params[param.name] ?? ""} onChange={(event) => setParams({ ...params, [param.name]: event.target.value })}>
                <option value="">Choose…</option>
                {(param.kind === "role" ? offer.roles.map((role) => ({ value: role, label: role })) : (param.options ?? [])).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                aria-label={param.label}
                type={param.kind === "number" ? "number" : "text"}
                value={params[param.name] ?? ""}
                onChange={(event) => setParams({ ...params, [param.name]: event.target.value })}
              />
            )}
          </label>
        ))}
        <AudienceSize segment={segment} params={shownParams} />
      </fieldset>

      <fieldset>
        <legend>When</legend>
        <label className="check">
          <input type="radio" name="when" checked={when === "now"} onChange={() => setWhen("now")} /> Now
        </label>
        <label className="check">
          <input type="radio" name="when" checked={when === "later"} onChange={() => setWhen("later")} /> At a date and time
        </label>
        {when === "later" && (
          <label>
            Send at (your local time)
            <input type="datetime-local" value={sendAt} required onChange={(event) => setSendAt(event.target.value)} />
          </label>
        )}
      </fieldset>

      <div className="actions">
        <button type="button" disabled={action.busy} onClick={preview}>
          Preview to me
        </button>
        <button type="submit" className="primary" disabled={action.busy}>
          {when === "now" ? "Send now" : "Schedule"}
        </button>
      </div>
      <ActionMessage message={action.message} />
    </form>
  );
}

function BroadcastRow({ broadcast, segment }: { broadcast: Broadcast; segment: SegmentOffer | undefined }) {
  const cancel = useAction(["broadcasts"]);
  const { report } = broadcast;
  const active = broadcast.status === "scheduled" || broadcast.status === "sending";
  const summary = plainText(broadcast.text);
  const params = Object.entries(broadcast.params)
    .map(([name, value]) => segment?.params.find((param) => param.name === name)?.options?.find((option) => option.value === String(value))?.label ?? String(value))
    .join(", ");
  return (
    <tr>
      <td>{new Date(broadcast.sendAt).toLocaleString()}</td>
      <td className="broadcast-text" title={summary}>
        {broadcast.photo !== null && "🖼 "}
        {summary.length > 80 ? `${summary.slice(0, 80)}…` : summary}
      </td>
      <td>
        {segment?.label ?? broadcast.segment}
        {params === "" ? "" : `: ${params}`}
        {broadcast.audience !== null && ` (${broadcast.audience})`}
      </td>
      <td>
        {STATUS_TEXT[broadcast.status]}
        {broadcast.status !== "scheduled" && (
          <progress value={broadcast.progress} max={1} aria-label={`Progress of broadcast ${broadcast.id}`}>
            {Math.round(broadcast.progress * 100)}%
          </progress>
        )}
      </td>
      <td className="broadcast-report">
        {broadcast.status === "scheduled"
          ? "–"
          : `${report.sent} sent, ${report.blocked} blocked, ${report.failed} failed${report.pending > 0 ? `, ${report.pending} waiting` : ""}${report.withdrawn > 0 ? `, ${report.withdrawn} withdrawn` : ""}`}
      </td>
      <td>
        {active && (
          <button
            type="button"
            disabled={cancel.busy}
            onClick={() => {
              if (window.confirm("Cancel this broadcast? Messages already sent stay sent.")) cancel.run(() => api(`/api/broadcasts/${broadcast.id}/cancel`, { method: "POST" }));
            }}
          >
            Cancel broadcast {broadcast.id}
          </button>
        )}
        <ActionMessage message={cancel.message} />
      </td>
    </tr>
  );
}

/** Broadcasts: compose, choose an audience, preview to yourself, send or schedule; live progress and the final report. */
export function BroadcastsPage() {
  const offer = useQuery({ queryKey: ["broadcast-segments"], queryFn: () => api<SegmentsAnswer>("/api/broadcasts/segments") });
  const list = useQuery({
    queryKey: ["broadcasts"],
    queryFn: () => api<{ broadcasts: Broadcast[] }>("/api/broadcasts"),
    refetchInterval: 2000,
  });
  return (
    <section className="settings-page" aria-labelledby="broadcasts-title">
      <h1 id="broadcasts-title">Broadcasts</h1>
      <p className="hint">
        A broadcast goes through the outbox at Telegram's limits (about 30 messages a second), after the bot's conversations. People who blocked the bot
        are skipped; a restart continues where delivery stopped, and nobody gets it twice.
      </p>
      {offer.isError && (
        <p role="alert" className="error">
          {offer.error.message}
        </p>
      )}
      {offer.data !== undefined && <ComposeForm offer={offer.data} />}

      <h2 id="sent-title">Sent and scheduled</h2>
      {list.isError && (
        <p role="alert" className="error">
          {list.error.message}
        </p>
      )}
      <div className="table-scroll">
        <table aria-labelledby="sent-title">
          <thead>
            <tr>
              <th scope="col">Send at</th>
              <th scope="col">Message</th>
              <th scope="col">Audience</th>
              <th scope="col">Status</th>
              <th scope="col">Report</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.broadcasts.length === 0 && (
              <tr>
                <td colSpan={6}>No broadcasts yet.</td>
              </tr>
            )}
            {list.data?.broadcasts.map((broadcast) => <BroadcastRow key={broadcast.id} broadcast={broadcast} segment={offer.data?.segments.find((segment) => segment.name === broadcast.segment)} />)}
          </tbody>
        </table>
      </div>
    </section>
  );
}
