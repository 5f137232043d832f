import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useId, useMemo, useState } from "react";
import { api } from "./api.ts";
import { languageNames } from "./i18n/language-names.ts";
import { useT } from "./i18n/useT.ts";
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

function TextRow({ entry, locale }: { entry: TextEntry; locale: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (text: string) => api<SavedText>(`/api/texts/${locale}/${encodeURIComponent(entry.key)}`, { method: "PUT", body: { text } }),
    onSuccess: async (saved) => {
      setDraft(undefined);
      setNote(saved.warnings.length > 0 ? saved.warnings : [t("texts-saved")]);
      await queryClient.invalidateQueries({ queryKey: ["texts", locale] });
    },
  });
  const reset = useMutation({
    mutationFn: () => api<SavedText>(`/api/texts/${locale}/${encodeURIComponent(entry.key)}`, { method: "DELETE" }),
    onSuccess: async () => {
      setDraft(undefined);
      setNote([t("texts-reset-done")]);
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
        {entry.override !== null && <span className="badge">{t("texts-edited")}</span>}
      </div>
      {editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(draft);
          }}
        >
          <label htmlFor={`${id}-text`}>{t("texts-text-for", { key: entry.key })}</label>
          <textarea id={`${id}-text`} value={draft} rows={Math.min(12, Math.max(3, draft.split("\n").length + 1))} onChange={(event) => setDraft(event.target.value)} />
          <p className="hint">
            {t("texts-default")} <span className="text-source">{entry.default}</span>
          </p>
          <div className="actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {t("texts-save")}
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft(undefined);
                save.reset();
              }}
            >
              {t("texts-cancel")}
            </button>
          </div>
        </form>
      ) : (
        <>
          {entry.override !== null && (
            <p className="text-source" aria-label={t("texts-yours-for", { key: entry.key })}>
              {entry.override}
            </p>
          )}
          <p className={entry.override === null ? "text-source" : "text-source text-default"} aria-label={t("texts-default-for", { key: entry.key })}>
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
              {t("texts-edit")}
              <span className="visually-hidden">{t("texts-key-suffix", { key: entry.key })}</span>
            </button>
            {entry.override !== null && (
              <button type="button" disabled={reset.isPending} onClick={() => reset.mutate()}>
                {t("texts-reset")}
                <span className="visually-hidden">{t("texts-key-suffix", { key: entry.key })}</span>
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
  const t = useT();
  const [locale, setLocale] = useState("en");
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const texts = useQuery({
    queryKey: ["texts", locale, query],
    queryFn: () => api<TextsAnswer>(`/api/texts?locale=${locale}&q=${encodeURIComponent(query)}`),
    placeholderData: keepPreviousData,
  });
  const locales = texts.data?.locales ?? [locale];
  const names = useMemo(() => languageNames(locales), [locales]);
  return (
    <section className="settings-page" aria-labelledby="texts-title">
      <h1 id="texts-title">{t("nav-texts")}</h1>
      <p className="hint">
        {t("texts-intro-placeables")} <code>{t("texts-placeable-example")}</code> {t("texts-intro-formatting")} <code>{t("texts-tag-bold")}</code>,{" "}
        <code>{t("texts-tag-italic")}</code>, <code>{t("texts-tag-link")}</code> {t("texts-intro-formatting-end")}
      </p>
      <div className="toolbar">
        <label>
          {t("texts-language")}
          <select value={locale} onChange={(event) => setLocale(event.target.value)}>
            {locales.map((code) => (
              <option key={code} value={code}>
                {names.get(code) ?? code}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          {t("texts-search")}
          <input type="search" value={search} placeholder={t("texts-search-hint")} onChange={(event) => setSearch(event.target.value)} />
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
            {t("texts-count", { count: texts.data.texts.length })}
          </p>
          <ul className="text-list" aria-label={t("nav-texts")}>
            {texts.data.texts.map((entry) => (
              <TextRow key={`${texts.data.locale}:${entry.key}`} entry={entry} locale={texts.data.locale} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
