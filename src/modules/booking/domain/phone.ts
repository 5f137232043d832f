/**
 * The phone of a shared Telegram contact in E.164 (`+4915112345678`), or undefined when it cannot
 * be one. Contacts carry the full international number, sometimes without the `+`.
 */
export function phoneFromContact(raw: string): string | undefined {
  const digits = raw.trim().replace(/[\s().+-]/g, "");
  // E.164: a country code that does not start with 0, at most 15 digits in all.
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : undefined;
}

/** A phone typed at the desk ("+49 151 1234567", "0049 151...") in E.164, or undefined when it cannot be one. */
export function phoneFromTyped(raw: string): string | undefined {
  return phoneFromContact(raw.trim().replace(/^00/, ""));
}
