import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SUPPORTED_LOCALES, type Catalogue } from "./translator.ts";

/** Reads `<dir>/<locale>.ftl` for every supported locale. */
export function cataloguesIn(dir: string): Catalogue[] {
  return SUPPORTED_LOCALES.map((locale) => ({ locale, ftl: readFileSync(join(dir, `${locale}.ftl`), "utf8") }));
}

export function platformCatalogues(): Catalogue[] {
  return cataloguesIn(join(import.meta.dirname, "locales"));
}
