/**
 * Money as an integer count of a currency's minor units (3500 EUR is €35.00, 1500 JPY is ¥1,500),
 * with the ISO 4217 code beside it. Amounts cross to and from text as decimal strings, so no
 * float ever stands for money.
 */

/** The ISO 4217 codes the runtime can format (`Intl.supportedValuesOf`), e.g. "EUR", "UZS". */
const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

/** Whether `code` is an ISO 4217 currency the runtime knows; "XYZ" and "euro" are not. */
export function isKnownCurrency(code: string): boolean {
  return knownCurrencies.has(code);
}

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY, 3 for KWD), as `Intl` knows them. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** An amount in minor units as a plain decimal: `decimalAmount(1234, "EUR")` is "12.34" (for a CSV, say). */
export function decimalAmount(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? "-" : "";
  const units = String(Math.abs(amountMinor)).padStart(digits + 1, "0");
  return `${sign}${digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`}`;
}

/**
 * An amount in minor units as a person reads it in `locale`: `formatMoney(3500, "EUR", "en")` is
 * "€35.00", in "de" "35,00 €". The amount reaches `Intl` as a decimal string, with the currency's
 * own minor digits.
 */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(decimalAmount(amountMinor, currency) as Intl.StringNumericLiteral);
}

/**
 * An amount typed by a person ("35", "35.50", "35,5", "1 200") in integer minor units of
 * `currency`, or undefined when it is not one: no sign, no more decimals than the currency has.
 * The digits are joined as text, so no float ever stands for money.
 */
export function moneyFromTyped(typed: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(typed.trim().replace(/\s/g, ""));
  if (match === null) return undefined;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return undefined;
  return Number(`${match[1]}${fraction.padEnd(digits, "0")}`);
}
