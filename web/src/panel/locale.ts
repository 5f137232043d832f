/** The locale the panel's page is written in (its `<html lang>`), for `Intl` dates, numbers and money. */
export function panelLocale(): string {
  return document.documentElement.lang || "en";
}
