// The panel's catalogues are bundled into the web build, so every replica serves the same texts
// with the page itself: the platform's (frame, sign-in, platform pages) and each module's.
const platformFiles = import.meta.glob<string>("../../../../src/platform/i18n/locales/panel.*.ftl", { query: "?raw", import: "default", eager: true });
const moduleFiles = import.meta.glob<string>("../../../../src/modules/*/locales/panel.*.ftl", { query: "?raw", import: "default", eager: true });

const localeOfPath = (path: string): string => /panel\.([^/]+)\.ftl$/.exec(path)?.[1] ?? "";

/**
 * The panel's languages: one per platform panel catalogue, so adding a language is adding its
 * files (the server reads the same files to validate a choice).
 */
export const PANEL_LOCALES: readonly string[] = Object.keys(platformFiles).map(localeOfPath).sort();

/** The Fluent sources of one locale: the platform's first, then every module's. */
export function panelSources(locale: string): string[] {
  return [...Object.entries(platformFiles), ...Object.entries(moduleFiles)].filter(([path]) => localeOfPath(path) === locale).map(([, ftl]) => ftl);
}
