import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { messageSources } from "./message-sources.ts";

export const SUPPORTED_LOCALES = ["en", "ru"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export type TranslationArgs = Record<string, FluentVariable>;

/** Fluent source of one catalogue: the platform's or a module's, for one locale. */
export interface Catalogue {
  locale: Locale;
  ftl: string;
}

export function isLocale(value: string | null | undefined): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value ?? "");
}

/** The locale for a Telegram `language_code` such as `ru` or `en-GB`; undefined when unsupported. */
export function localeOf(languageCode: string | null | undefined): Locale | undefined {
  const base = languageCode?.toLowerCase().split("-")[0];
  return isLocale(base) ? base : undefined;
}

/**
 * The Fluent source of one overriding message: the admin's text as the message's value, its
 * further lines indented so they stay part of it.
 */
export function overrideSource(key: string, text: string): string {
  return `${key} = ${text.replaceAll("\n", "\n    ")}`;
}

/**
 * Texts of every locale, from the platform's and the modules' catalogues, with per-bot
 * overrides (edited by admins) taking precedence. A missing key falls back to English and then
 * to the key itself, so a gap shows up as a visible key rather than an empty message.
 */
export class Translator {
  readonly #bundles = new Map<Locale, FluentBundle>();
  readonly #keys = new Map<Locale, Set<string>>();
  readonly #sources = new Map<Locale, Map<string, string>>();
  #overrides = new Map<string, FluentBundle>();

  constructor(catalogues: Catalogue[]) {
    for (const locale of SUPPORTED_LOCALES) {
      const bundle = new FluentBundle(locale, { useIsolating: false });
      const keys = new Set<string>();
      const sources = new Map<string, string>();
      for (const catalogue of catalogues.filter((c) => c.locale === locale)) {
        const resource = new FluentResource(catalogue.ftl);
        for (const entry of resource.body) keys.add(entry.id);
        for (const [key, source] of messageSources(catalogue.ftl)) sources.set(key, source);
        const errors = bundle.addResource(resource);
        if (errors.length > 0) throw new Error(`Fluent errors in ${locale}: ${errors.map(String).join("; ")}`);
      }
      this.#bundles.set(locale, bundle);
      this.#keys.set(locale, keys);
      this.#sources.set(locale, sources);
    }
  }

  /** Replaces one bot's overrides: `{ [locale]: { [key]: text } }`. */
  setOverrides(botId: string, texts: Partial<Record<Locale, Record<string, string>>>): void {
    for (const locale of SUPPORTED_LOCALES) {
      const entries = Object.entries(texts[locale] ?? {});
      const key = `${botId}:${locale}`;
      if (entries.length === 0) {
        this.#overrides.delete(key);
        continue;
      }
      const bundle = new FluentBundle(locale, { useIsolating: false });
      const source = entries.map(([id, text]) => overrideSource(id, text)).join("\n");
      bundle.addResource(new FluentResource(source));
      this.#overrides.set(key, bundle);
    }
  }

  has(locale: Locale, key: string): boolean {
    return this.#bundles.get(locale)?.hasMessage(key) ?? false;
  }

  /** Every message id of a locale's catalogue. */
  keys(locale: Locale): string[] {
    return [...(this.#keys.get(locale) ?? [])];
  }

  /** The catalogue's Fluent source of a message's value (what an override replaces); undefined for an unknown key. */
  source(locale: Locale, key: string): string | undefined {
    return this.#sources.get(locale)?.get(key);
  }

  translate(botId: string | undefined, locale: Locale, key: string, args?: TranslationArgs): string {
    const candidates = [
      botId === undefined ? undefined : this.#overrides.get(`${botId}:${locale}`),
      this.#bundles.get(locale),
      this.#bundles.get(DEFAULT_LOCALE),
    ];
    for (const bundle of candidates) {
      const message = bundle?.getMessage(key);
      if (bundle === undefined || message?.value == null) continue;
      return bundle.formatPattern(message.value, args);
    }
    return key;
  }
}
