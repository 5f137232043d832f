import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useId, useState } from "react";
import { api } from "./api.ts";
import "./settings-pages.css";

/** A text as GET /api/texts lists it. */
interface TextEntry {
  key: string;
  default: string;
  override: string | null;
}

interface TextsAnswer {
  locale: string;
  locales: string[];
  texts: TextEntry[];
}

interface SavedText extends TextEntry {
  warnings: string[];
}

const LANGUAGE_NAMES: Record<string, string> = { en: "English", ru: "Русский" };

function TextRow({ entry, locale }: { entry: TextEntry; locale: string }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (text: string) => api<SavedText>(`/api/texts/${locale}/${encodeURIComponent(entry.key)}`, { method: "PUT", body: { text } }),
    onSuccess: async (saved) => {
      setDraft(undefined);
      setNote(saved.warnings.length > 0 ? saved.warnings : ["Saved. The bot uses it from its next message."]);
      await queryClient.invalidateQueries({ queryKey: ["texts", locale] });
    },
  });
  const reset = useMutation({
    mutationFn: () => api<SavedText>(`/api/texts/${locale}/${encodeURIComponent(entry.key)}`, { method: "DELETE" }),
    onSuccess: async () => {
      setDraft(undefined);
      setNote(["Back to the default text."]);
      await queryClient.invalidateQueries({ queryKey: ["texts", locale] });
    },
  });
  const editing = draft !== undefined;
  const error = save.error ?? reset.error;
  return (
    <li className="text-entry card" aria-labelledby={`${id}-key`}>
      <div className="text-entry-head">
        <h2 id={`${id}-key`} className="text-key">
          {entry.key}
        </h2>
        {entry.override !== null && <span className="badge">edited</span>}
      </div>
      {editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(draft);
          }}
        >
          <label htmlFor={`${id}-text`}>Text for {entry.key}</label>
          <textarea id={`${id}-text`} value={draft} rows={Math.min(12, Math.max(3, draft.split("\n").length + 1))} onChange={(event) => setDraft(event.target.value)} />
          <p className="hint">
            Default: <span className="text-source">{entry.default}</span>
          </p>
          <div className="actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              Save
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft(undefined);
                save.reset();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          {entry.override !== null && (
            <p className="text-source" aria-label={`Your text for ${entry.key}`}>
              {entry.override}
            </p>
          )}
          <p className={entry.override === null ? "text-source" : "text-source text-default"} aria-label={`Default text for ${entry.key}`}>
            {entry.default}
          </p>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setNote([]);
                setDraft(entry.override ?? entry.default);
              }}
            >
              Edit<span className="visually-hidden"> {entry.key}</span>
            </button>
            {entry.override !== null && (
              <button type="button" disabled={reset.isPending} onClick={() => reset.mutate()}>
                Reset to default<span className="visually-hidden"> {entry.key}</span>
              </button>
            )}
          </div>
        </>
      )}
      {error !== null && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {note.length > 0 && error === null && (
        <p role="status" className="note">
          {note.join(" ")}
        </p>
      )}
    </li>
  );
}

/**
 * Every text the bot sends, per language: the shipped default and this bot's own version. An
 * edit is live on every replica from the bot's next message; "Reset to default" drops it.
 */
export function TextsPage() {
  const [locale, setLocale] = useState("en");
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const texts = useQuery({
    queryKey: ["texts", locale, query],
    queryFn: () => api<TextsAnswer>(`/api/texts?locale=${locale}&q=${encodeURIComponent(query)}`),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="settings-page" aria-labelledby="texts-title">
      <h1 id="texts-title">Texts</h1>
      <p className="hint">
        What the bot says, in each language. Placeables such as <code>{"{ $name }"}</code> are filled in by the bot; Telegram formatting (
        <code>{"<b>"}</code>, <code>{"<i>"}</code>, <code>{"<a href>"}</code>) works where the default uses it.
      </p>
      <div className="toolbar">
        <label>
          Language
          <select value={locale} onChange={(event) => setLocale(event.target.value)}>
            {(texts.data?.locales ?? ["en", "ru"]).map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code] ?? code}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Search
          <input type="search" value={search} placeholder="A word or a key" onChange={(event) => setSearch(event.target.value)} />
        </label>
      </div>
      {texts.isError && (
        <p role="alert" className="error">
          {texts.error.message}
        </p>
      )}
      {texts.data !== undefined && (
        <>
          <p className="hint" aria-live="polite">
            {texts.data.texts.length === 1 ? "1 text" : `${texts.data.texts.length} texts`}
          </p>
          <ul className="text-list" aria-label="Texts">
            {texts.data.texts.map((entry) => (
              <TextRow key={`${texts.data.locale}:${entry.key}`} entry={entry} locale={texts.data.locale} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
