import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionMessage } from "./ActionMessage.tsx";
import { api } from "./api.ts";
import { useRoleName } from "./i18n/useRoleName.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
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

/** What Telegram shows of the HTML, for the list: tags dropped, the common entities decoded. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

/** Telegram's HTML tags a broadcast may use, each shown with an example text from the catalogue. */
const FORMATTING_LINES: { tag: string; attributes?: string; key: string }[][] = [
  [
    { tag: "b", key: "broadcasts-format-bold" },
    { tag: "i", key: "broadcasts-format-italic" },
    { tag: "u", key: "broadcasts-format-underlined" },
    { tag: "s", key: "broadcasts-format-struck" },
  ],
  [{ tag: "a", attributes: ' href="https://example.com"', key: "broadcasts-format-link" }],
  [
    { tag: "tg-spoiler", key: "broadcasts-format-spoiler" },
    { tag: "blockquote", key: "broadcasts-format-quote" },
  ],
  [
    { tag: "code", key: "broadcasts-format-code" },
    { tag: "pre", key: "broadcasts-format-pre" },
  ],
];

function FormattingHelp() {
  const t = useT();
  return (
    <details className="formatting-help">
      <summary>{t("broadcasts-formatting")}</summary>
      <ul>
        {FORMATTING_LINES.map((line) => (
          <li key={line[0]?.tag}>
            {line.map((example, index) => (
              <span key={example.tag}>
                {index === 0 ? null : t("broadcasts-format-separator")}
                <code>{t("broadcasts-format-example", { tag: example.tag, attributes: example.attributes ?? "", text: t(example.key) })}</code>
              </span>
            ))}
          </li>
        ))}
        <li>{t("broadcasts-format-escapes")}</li>
      </ul>
    </details>
  );
}

function ButtonsEditor({ buttons, onChange }: { buttons: LinkButton[]; onChange: (buttons: LinkButton[]) => void }) {
  const t = useT();
  const set = (index: number, change: Partial<LinkButton>) => onChange(buttons.map((button, i) => (i === index ? { ...button, ...change } : button)));
  return (
    <fieldset className="broadcast-buttons">
      <legend>{t("broadcasts-buttons")}</legend>
      {buttons.map((button, index) => (
        <div className="broadcast-button-row" key={index}>
          <label>
            {t("broadcasts-button-label", { number: index + 1 })}
            <input value={button.text} maxLength={64} onChange={(event) => set(index, { text: event.target.value })} />
          </label>
          <label>
            {t("broadcasts-button-link", { number: index + 1 })}
            <input type="url" value={button.url} placeholder="https://" onChange={(event) => set(index, { url: event.target.value })} />
          </label>
          <button type="button" onClick={() => onChange(buttons.filter((_, i) => i !== index))}>
            {t("broadcasts-button-remove", { number: index + 1 })}
          </button>
        </div>
      ))}
      <button type="button" disabled={buttons.length >= MAX_BUTTONS} onClick={() => onChange([...buttons, { text: "", url: "" }])}>
        {t("broadcasts-button-add")}
      </button>
    </fieldset>
  );
}

/** How many people a segment reaches now, and how many of them blocked the bot. */
function AudienceSize({ segment, params }: { segment: string; params: Record<string, string> }) {
  const t = useT();
  const query = new URLSearchParams({ ...params, segment }).toString();
  const complete = Object.values(params).every((value) => value.trim() !== "");
  const size = useQuery({
    queryKey: ["broadcast-audience", query],
    queryFn: () => api<{ people: number; blocked: number }>(`/api/broadcasts/audience?${query}`),
    enabled: segment !== "" && complete,
    retry: false,
  });
  if (segment === "") return null;
  if (!complete) return <p className="hint">{t("broadcasts-audience-incomplete")}</p>;
  if (size.isError) return <p className="hint">{size.error.message}</p>;
  if (size.data === undefined) return <p className="hint">{t("broadcasts-audience-counting")}</p>;
  return (
    <p className="hint" role="status" aria-label={t("broadcasts-audience-size")}>
      {t("broadcasts-audience", { people: size.data.people, blocked: size.data.blocked })}
    </p>
  );
}

function ComposeForm({ offer }: { offer: SegmentsAnswer }) {
  const t = useT();
  const roleName = useRoleName();
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
    }, when === "now" ? t("broadcasts-sending-started") : t("broadcasts-scheduled-done"));
  };
  const preview = () => action.run(() => api("/api/broadcasts/preview", { body: draft }), t("broadcasts-preview-sent"));

  return (
    <form className="settings-form card broadcast-compose" onSubmit={send} aria-labelledby="compose-title">
      <h2 id="compose-title">{t("broadcasts-new")}</h2>
      <label>
        {t("broadcasts-text")}
        <textarea value={text} rows={6} required onChange={(event) => setText(event.target.value)} />
      </label>
      <FormattingHelp />
      <label>
        {t("broadcasts-photo")}
        <input value={photo} placeholder={t("broadcasts-photo-hint")} onChange={(event) => setPhoto(event.target.value)} />
      </label>
      <ButtonsEditor buttons={buttons} onChange={setButtons} />

      <fieldset>
        <legend>{t("broadcasts-audience-title")}</legend>
        <label>
          {t("broadcasts-segment")}
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
                <option value="">{t("broadcasts-choose")}</option>
                {(param.kind === "role" ? offer.roles.map((role) => ({ value: role, label: roleName(role) })) : (param.options ?? [])).map((option) => (
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
        <legend>{t("broadcasts-when")}</legend>
        <label className="check">
          <input type="radio" name="when" checked={when === "now"} onChange={() => setWhen("now")} /> {t("broadcasts-now")}
        </label>
        <label className="check">
          <input type="radio" name="when" checked={when === "later"} onChange={() => setWhen("later")} /> {t("broadcasts-later")}
        </label>
        {when === "later" && (
          <label>
            {t("broadcasts-send-at-local")}
            <input type="datetime-local" value={sendAt} required onChange={(event) => setSendAt(event.target.value)} />
          </label>
        )}
      </fieldset>

      <div className="actions">
        <button type="button" disabled={action.busy} onClick={preview}>
          {t("broadcasts-preview")}
        </button>
        <button type="submit" className="primary" disabled={action.busy}>
          {when === "now" ? t("broadcasts-send-now") : t("broadcasts-schedule")}
        </button>
      </div>
      <ActionMessage message={action.message} />
    </form>
  );
}

function BroadcastRow({ broadcast, segment }: { broadcast: Broadcast; segment: SegmentOffer | undefined }) {
  const t = useT();
  const cancel = useAction(["broadcasts"]);
  const { report } = broadcast;
  const active = broadcast.status === "scheduled" || broadcast.status === "sending";
  const summary = plainText(broadcast.text);
  const params = Object.entries(broadcast.params)
    .map(([name, value]) => segment?.params.find((param) => param.name === name)?.options?.find((option) => option.value === String(value))?.label ?? String(value))
    .join(", ");
  return (
    <tr>
      <td>{new Date(broadcast.sendAt).toLocaleString(panelLocale())}</td>
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
        {t(`broadcasts-status-${broadcast.status}`)}
        {broadcast.status !== "scheduled" && (
          <progress value={broadcast.progress} max={1} aria-label={t("broadcasts-progress", { id: broadcast.id })}>
            {new Intl.NumberFormat(panelLocale(), { style: "percent" }).format(broadcast.progress)}
          </progress>
        )}
      </td>
      <td className="broadcast-report">
        {broadcast.status === "scheduled"
          ? "–"
          : t("broadcasts-report", { sent: report.sent, blocked: report.blocked, failed: report.failed, pending: report.pending, withdrawn: report.withdrawn })}
      </td>
      <td>
        {active && (
          <button
            type="button"
            disabled={cancel.busy}
            onClick={() => {
              if (window.confirm(t("broadcasts-cancel-confirm"))) cancel.run(() => api(`/api/broadcasts/${broadcast.id}/cancel`, { method: "POST" }));
            }}
          >
            {t("broadcasts-cancel", { id: broadcast.id })}
          </button>
        )}
        <ActionMessage message={cancel.message} />
      </td>
    </tr>
  );
}

/** Broadcasts: compose, choose an audience, preview to yourself, send or schedule; live progress and the final report. */
export function BroadcastsPage() {
  const t = useT();
  const offer = useQuery({ queryKey: ["broadcast-segments"], queryFn: () => api<SegmentsAnswer>("/api/broadcasts/segments") });
  const list = useQuery({
    queryKey: ["broadcasts"],
    queryFn: () => api<{ broadcasts: Broadcast[] }>("/api/broadcasts"),
    refetchInterval: 2000,
  });
  return (
    <section className="settings-page" aria-labelledby="broadcasts-title">
      <h1 id="broadcasts-title">{t("nav-broadcasts")}</h1>
      <p className="hint">{t("broadcasts-intro")}</p>
      {offer.isError && (
        <p role="alert" className="error">
          {offer.error.message}
        </p>
      )}
      {offer.data !== undefined && <ComposeForm offer={offer.data} />}

      <h2 id="sent-title">{t("broadcasts-list")}</h2>
      {list.isError && (
        <p role="alert" className="error">
          {list.error.message}
        </p>
      )}
      <div className="table-scroll">
        <table aria-labelledby="sent-title">
          <thead>
            <tr>
              <th scope="col">{t("broadcasts-send-at")}</th>
              <th scope="col">{t("broadcasts-message")}</th>
              <th scope="col">{t("broadcasts-audience-title")}</th>
              <th scope="col">{t("broadcasts-status")}</th>
              <th scope="col">{t("broadcasts-report-title")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("broadcasts-actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.broadcasts.length === 0 && (
              <tr>
                <td colSpan={6}>{t("broadcasts-none")}</td>
              </tr>
            )}
            {list.data?.broadcasts.map((broadcast) => <BroadcastRow key={broadcast.id} broadcast={broadcast} segment={offer.data?.segments.find((segment) => segment.name === broadcast.segment)} />)}
          </tbody>
        </table>
      </div>
    </section>
  );
}
