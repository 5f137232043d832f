import { useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "./api.ts";
import { usePanelLanguage } from "./i18n/PanelLanguage.tsx";
import { useT } from "./i18n/useT.ts";
import { languageNames } from "./i18n/language-names.ts";

/**
 * The panel header's language choice: each language named in itself. The choice is saved for
 * the person (every device and session), then the pages reload their data, which the server
 * words in the new language too.
 */
export function LanguageSwitch() {
  const t = useT();
  const queryClient = useQueryClient();
  const { locale, locales, setLocale } = usePanelLanguage();
  const [failure, setFailure] = useState<string | undefined>();
  const names = useMemo(() => languageNames(locales), [locales]);
  const choose = async (language: string) => {
    setFailure(undefined);
    try {
      await api("/api/me/language", { method: "PUT", body: { language } });
      setLocale(language);
      await queryClient.invalidateQueries();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <label className="panel-language">
      <span className="visually-hidden">{t("panel-language-label")}</span>
      <select value={locale} onChange={(event) => void choose(event.target.value)} title={failure}>
        {locales.map((each) => (
          <option key={each} value={each}>
            {names.get(each)}
          </option>
        ))}
      </select>
      {failure === undefined ? null : (
        <span role="alert" className="panel-language-failure">
          {failure}
        </span>
      )}
    </label>
  );
}
