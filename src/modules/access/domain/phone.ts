/**
 * A phone number in E.164 (`+79001234567`), or undefined when it cannot be one.
 *
 * Telegram's shared contacts carry the full international number, sometimes without the `+`, so
 * `fromContact` accepts bare digits. A typed number must say its country: `+` or `00` first,
 * since `89001234567` is ambiguous between countries.
 */
export function normalisePhone(raw: string, origin: "contact" | "typed"): string | undefined {
  const compact = raw.trim().replace(/[\s().-]/g, "");
  let digits: string;
  if (compact.startsWith("+")) digits = compact.slice(1);
  else if (compact.startsWith("00")) digits = compact.slice(2);
  else if (origin === "contact") digits = compact;
  else return undefined;
  // E.164: a country code that does not start with 0, at most 15 digits in all.
  if (!/^[1-9]\d{7,14}$/.test(digits)) return undefined;
  return `+${digits}`;
}
