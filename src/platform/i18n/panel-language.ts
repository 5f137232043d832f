import { negotiateLanguages } from "@fluent/langneg";
import { PANEL_LOCALES } from "./panel-catalogues.ts";

/** What is known of a person for choosing their panel language. */
export interface PanelLanguageFacts {
  /** What they chose in the panel, if they did. */
  chosen: string | null | undefined;
  /** Their Telegram `language_code` (`ru`, `en-GB`), if Telegram sent one. */
  telegramLanguage: string | null | undefined;
  /** The bot's languages, the first being its default. */
  botLanguages: readonly string[];
}

/** What the browser asks for (Accept-Language, in order), for someone Telegram told nothing about. */
export type BrowserLanguages = readonly string[];

/**
 * The language the panel speaks to someone: their choice, else their Telegram language matched
 * against the panel's languages (`en-GB` finds `en`); for someone without one (an owner
 * configured by id who never wrote to the bot) the browser's; else the bot's default, else English.
 */
export function panelLanguageOf(facts: PanelLanguageFacts, browser: BrowserLanguages = [], available: readonly string[] = PANEL_LOCALES): string {
  if (facts.chosen != null && available.includes(facts.chosen)) return facts.chosen;
  const last = available.includes("en") ? "en" : (available[0] ?? "en");
  const botDefault = negotiateLanguages(facts.botLanguages.slice(0, 1), available, { strategy: "lookup", defaultLocale: last })[0] ?? last;
  const requested = facts.telegramLanguage == null || facts.telegramLanguage === "" ? browser : [facts.telegramLanguage];
  return negotiateLanguages(requested, available, { strategy: "lookup", defaultLocale: botDefault })[0] ?? botDefault;
}

/** The languages of an Accept-Language header, most wanted first (`ru-RU,ru;q=0.9,en;q=0.8`). */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((param) => param.trim().startsWith("q="))?.trim().slice(2) ?? "1");
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
