import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "./api.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import "./settings-pages.css";

interface BotSettings {
  timeZone: string;
  languages: string[];
  /** null: every installed module but the opt-in ones, including ones installed later. */
  modules: string[] | null;
  staffMayApply: boolean;
  noteMarker: string;
  anonymousStaff: boolean;
}

interface SettingsAnswer {
  settings: BotSettings;
  editedAt: string | null;
  installedModules: string[];
  /** What null enables: every installed module but the opt-in ones. */
  defaultModules: string[];
  supportedLanguages: { code: string; name: string }[];
  timeZones: string[];
}

function SettingsForm({ page }: { page: SettingsAnswer }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<BotSettings>(page.settings);
  const [saved, setSaved] = useState(false);
  const enabled = draft.modules ?? page.defaultModules;
  const save = useMutation({
    mutationFn: (settings: BotSettings) => api<SettingsAnswer>("/api/settings", { method: "PUT", body: settings }),
    onSuccess: (answer) => {
      queryClient.setQueryData(["settings"], answer);
      setDraft(answer.settings);
      setSaved(true);
    },
  });
  const change = (next: Partial<BotSettings>) => {
    setSaved(false);
    setDraft({ ...draft, ...next });
  };
  const toggle = (list: string[], item: string, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Exactly the modules on by default means every module, including ones installed later.
    const byDefault = enabled.length === page.defaultModules.length && page.defaultModules.every((name) => enabled.includes(name));
    save.mutate({ ...draft, modules: byDefault ? null : enabled });
  };
  return (
    <form className="settings-form card" onSubmit={submit}>
      <label>
        {t("settings-time-zone")}
        <select value={draft.timeZone} onChange={(event) => change({ timeZone: event.target.value })}>
          {page.timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{t("settings-time-zone-hint")}</p>

      <fieldset>
        <legend>{t("settings-languages")}</legend>
        {page.supportedLanguages.map((language) => (
          <label key={language.code} className="check">
            <input
              type="checkbox"
              checked={draft.languages.includes(language.code)}
              onChange={(event) => change({ languages: toggle(draft.languages, language.code, event.target.checked) })}
            />
            {language.name}
          </label>
        ))}
        <p className="hint">{t("settings-languages-hint")}</p>
      </fieldset>

      <fieldset>
        <legend>{t("settings-modules")}</legend>
        {page.installedModules.length === 0 && <p className="hint">{t("settings-no-modules")}</p>}
        {page.installedModules.map((name) => (
          <label key={name} className="check">
            <input type="checkbox" checked={enabled.includes(name)} onChange={(event) => change({ modules: toggle(enabled, name, event.target.checked) })} />
            {name}
          </label>
        ))}
        <p className="hint">{t("settings-modules-hint")}</p>
      </fieldset>

      <label className="check">
        <input type="checkbox" checked={draft.staffMayApply} onChange={(event) => change({ staffMayApply: event.target.checked })} />
        {t("settings-staff-may-apply")}
      </label>

      <label>
        {t("settings-note-marker")}
        <input value={draft.noteMarker} maxLength={16} onChange={(event) => change({ noteMarker: event.target.value.trim() })} />
      </label>
      <p className="hint">{t("settings-note-marker-hint")}</p>

      <label className="check">
        <input type="checkbox" checked={draft.anonymousStaff} onChange={(event) => change({ anonymousStaff: event.target.checked })} />
        {t("settings-anonymous-staff")}
      </label>

      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t("settings-save")}
        </button>
      </div>
      {save.isError && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
      {saved && (
        <p role="status" className="note">
          {t("settings-saved")}
        </p>
      )}
    </form>
  );
}

/** The bot's time zone, languages, enabled modules, who may apply for staff access, and the note marker. */
export function SettingsPage() {
  const t = useT();
  const page = useQuery({ queryKey: ["settings"], queryFn: () => api<SettingsAnswer>("/api/settings") });
  return (
    <section className="settings-page" aria-labelledby="settings-title">
      <h1 id="settings-title">{t("settings-title")}</h1>
      {page.isError && (
        <p role="alert" className="error">
          {page.error.message}
        </p>
      )}
      {page.data !== undefined && (
        <>
          <p className="hint">
            {page.data.editedAt === null
              ? t("settings-from-configuration")
              : t("settings-last-saved", { at: new Date(page.data.editedAt).toLocaleString(panelLocale()) })}
          </p>
          <SettingsForm page={page.data} />
        </>
      )}
    </section>
  );
}
