import { DEFAULT_LOCALE, isLocale, localeOf, type Locale } from "./translator.ts";

/** The language to speak to someone: their choice, else their Telegram language, else the bot's first. */
export function chooseLocale(chosen: string | null | undefined, telegramLanguage: string | undefined, botLanguages: readonly string[]): Locale {
  if (isLocale(chosen)) return chosen;
  const fromTelegram = localeOf(telegramLanguage);
  if (fromTelegram !== undefined && botLanguages.includes(fromTelegram)) return fromTelegram;
  return botLanguages.find(isLocale) ?? DEFAULT_LOCALE;
}
