import { FluentBundle, FluentResource } from "@fluent/bundle";
import { panelSources } from "./catalogues.ts";
import { accented, pseudoLocaleOn } from "./pseudo.ts";

/**
 * Each language's name in itself (`English`, `Русский`), from its own catalogue's
 * `panel-language-name`, so a new language names itself when its files are added.
 */
export function languageNames(locales: readonly string[]): Map<string, string> {
  const pseudo = pseudoLocaleOn();
  return new Map(
    locales.map((locale) => {
      const bundle = new FluentBundle(locale, { useIsolating: false, transform: pseudo ? accented : (text) => text });
      for (const ftl of panelSources(locale)) bundle.addResource(new FluentResource(ftl));
      const message = bundle.getMessage("panel-language-name");
      return [locale, message?.value == null ? locale : bundle.formatPattern(message.value)];
    }),
  );
}
