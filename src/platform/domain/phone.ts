/**
 * Phone numbers, read with libphonenumber's full metadata and kept in E.164 (`+4915112345678`),
 * the one form a phone is stored and compared in.
 */
import parsePhoneNumber, { isSupportedCountry, type CountryCode } from "libphonenumber-js/max";

export type { CountryCode };

/**
 * A number a person typed ("+49 151 1234-5678", "0049 151 12345678", "+7 (900) 123-45-67") in
 * E.164, or undefined when it is not a valid number. With `defaultCountry` (ISO 3166-1 alpha-2),
 * a national number ("0151 12345678" in DE) is read as that country's; without one, or with a
 * country libphonenumber does not know, the number must say its country with `+` or `00`, since
 * "89001234567" could be a number of more than one country.
 */
export function normalizePhone(input: string, defaultCountry?: string): string | undefined {
  // libphonenumber reads letters as a vanity number ("1-800-FLOWERS") and keeps "ext 2" as an
  // extension; a phone to call a client back on has neither.
  if (/\p{L}/u.test(input)) return undefined;
  // "00" is the international prefix nearly everywhere; libphonenumber only takes it with a
  // country whose exit code it is, so it is read as "+" whatever the country.
  const text = input.trim().replace(/^00/, "+");
  const country = defaultCountry !== undefined && isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  const phone = parsePhoneNumber(text, country === undefined ? { extract: false } : { defaultCountry: country, extract: false });
  if (phone === undefined || phone.ext !== undefined || !phone.isValid()) return undefined;
  return phone.number;
}

/**
 * The phone of a shared Telegram contact in E.164, or undefined when it is not a valid number.
 * Telegram sends the full international number, sometimes without its `+` ("79001234567").
 */
export function phoneFromContact(phoneNumber: string): string | undefined {
  const text = phoneNumber.trim();
  return normalizePhone(text.startsWith("+") ? text : `+${text}`);
}

/** True for a valid number already written in E.164, the form a stored phone must have. */
export function isE164Phone(text: string): boolean {
  return normalizePhone(text) === text;
}
