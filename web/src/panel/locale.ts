let intlLocale = "en";

/** The locale the panel's dates, numbers and money are formatted in with `Intl`: the active panel language. */
export function panelLocale(): string {
  return intlLocale;
}

/** Set by the panel's language provider as the language changes. */
export function setPanelLocale(locale: string): void {
  intlLocale = locale;
}
