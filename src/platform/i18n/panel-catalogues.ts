import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One panel catalogue: the Fluent source of the panel's texts in one locale, the platform's or a module's. */
export interface PanelCatalogue {
  locale: string;
  ftl: string;
}

const PANEL_CATALOGUE = /^panel\.([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.ftl$/;
const PLATFORM_LOCALES = join(import.meta.dirname, "locales");

/** The panel catalogues in a `locales/` folder: every `panel.<locale>.ftl` there. */
export function panelCataloguesIn(dir: string): PanelCatalogue[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const locale = PANEL_CATALOGUE.exec(name)?.[1];
      return locale === undefined ? [] : [{ locale, ftl: readFileSync(join(dir, name), "utf8") }];
    })
    .sort((a, b) => a.locale.localeCompare(b.locale));
}

/**
 * The languages the panel speaks: one per platform panel catalogue present, so a language is
 * added by adding its files, not by editing a list.
 */
export const PANEL_LOCALES: readonly string[] = panelCataloguesIn(PLATFORM_LOCALES).map((catalogue) => catalogue.locale);

/** The platform's own panel catalogues (the frame, sign-in and platform pages). */
export function platformPanelCatalogues(): PanelCatalogue[] {
  return panelCataloguesIn(PLATFORM_LOCALES);
}
