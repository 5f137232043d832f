import { FluentBundle, FluentResource } from "@fluent/bundle";
import { negotiateLanguages } from "@fluent/langneg";
import { LocalizationProvider, ReactLocalization } from "@fluent/react";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { PANEL_LOCALES, panelSources } from "./catalogues.ts";
import { setPanelLocale } from "../locale.ts";
import { accented, PSEUDO_INTL_LOCALE, PSEUDO_LOCALE, pseudoLocaleOn } from "./pseudo.ts";

const FALLBACK = PANEL_LOCALES.includes("en") ? "en" : (PANEL_LOCALES[0] ?? "en");

/** The panel language the browser asks for (navigator.languages), for pages before sign-in. */
export function browserPanelLocale(): string {
  return negotiateLanguages(navigator.languages, PANEL_LOCALES, { strategy: "lookup", defaultLocale: FALLBACK })[0] ?? FALLBACK;
}

function bundleOf(locale: string, pseudo: boolean): FluentBundle {
  const bundle = new FluentBundle(pseudo ? PSEUDO_LOCALE : locale, { useIsolating: false, transform: pseudo ? accented : (text) => text });
  for (const ftl of panelSources(locale)) {
    const errors = bundle.addResource(new FluentResource(ftl));
    if (errors.length > 0) console.error(`panel catalogue ${locale}:`, ...errors);
  }
  return bundle;
}

/** The active locale's bundle first, English behind it, so a missing text shows in English, not as a key. */
function localizationOf(locale: string, pseudo: boolean): ReactLocalization {
  const chain = pseudo ? [bundleOf(FALLBACK, true)] : [...new Set([locale, FALLBACK])].map((each) => bundleOf(each, false));
  return new ReactLocalization(chain);
}

export interface PanelLanguageState {
  /** The active locale (`ru`), also the `<html lang>` that `Intl` formatting follows. */
  locale: string;
  /** Every locale the panel has catalogues for. */
  locales: readonly string[];
  setLocale: (locale: string) => void;
}

const PanelLanguageContext = createContext<PanelLanguageState | undefined>(undefined);

export function usePanelLanguage(): PanelLanguageState {
  const state = useContext(PanelLanguageContext);
  if (state === undefined) throw new Error("usePanelLanguage is for pages inside PanelLanguage");
  return state;
}

/**
 * The panel's texts in one language: the browser's until the panel learns the signed-in
 * person's (`setLocale`). Under the pseudo-locale every text is English, accented.
 */
export function PanelLanguage({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState(browserPanelLocale);
  const pseudo = useMemo(pseudoLocaleOn, []);
  const l10n = useMemo(() => localizationOf(locale, pseudo), [locale, pseudo]);
  const state = useMemo(() => ({ locale, locales: PANEL_LOCALES, setLocale }), [locale]);
  // Set while rendering, not in an effect: the pages' Intl formatting reads it as they render.
  document.documentElement.lang = pseudo ? PSEUDO_LOCALE : locale;
  setPanelLocale(pseudo ? PSEUDO_INTL_LOCALE : locale);
  return (
    <PanelLanguageContext.Provider value={state}>
      <LocalizationProvider l10n={l10n}>{children}</LocalizationProvider>
    </PanelLanguageContext.Provider>
  );
}
