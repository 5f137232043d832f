const ACCENTED: Record<string, string> = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter, index) => [letter, [..."ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ"][index] ?? letter]),
);

/**
 * The pseudo-locale: English with every Latin letter accented (`Sign out` → `Şīɠƞ ǿŭŧ`), still
 * readable, so text that stays plain on the page is text that did not come from a catalogue.
 * Turned on in a browser with `localStorage.setItem("botyard-pseudo-locale", "on")`.
 */
export const PSEUDO_LOCALE = "en-XA";
/** Under the pseudo-locale, dates and numbers come in a non-Latin script, so they cannot pass for untranslated text either. */
export const PSEUDO_INTL_LOCALE = "ru";
export const PSEUDO_SWITCH = "botyard-pseudo-locale";

export function accented(text: string): string {
  return text.replace(/[A-Za-z]/g, (letter) => ACCENTED[letter] ?? letter);
}

export function pseudoLocaleOn(): boolean {
  try {
    return localStorage.getItem(PSEUDO_SWITCH) === "on";
  } catch {
    return false;
  }
}
