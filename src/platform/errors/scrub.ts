import { redactSecrets } from "../log.ts";

/** Phone numbers in any common notation: `+7 999 123-45-67`, `(999) 123 4567`, `89991234567`. Telegram ids go too. */
const PHONE_PATTERN = /\+?\d[\d ().-]{5,}\d/g;
const EMAIL_PATTERN = /[\w.+-]+@[\w-]+\.[\w.-]+/g;
/** A connection string's password: `postgres://user:secret@host`. */
const URL_PASSWORD_PATTERN = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s]+@/gi;
/** PostgreSQL's `Key (phone)=(+79991234567) already exists`: the values are people's data. */
const KEY_VALUES_PATTERN = /(\([^()]*\)=\()[^)]*\)/g;

/**
 * A string as it may leave for an error tracker: the given secrets (every bot's token, the
 * webhook secret...), anything shaped like a token, a secret URL parameter, a connection
 * password, a phone number, an e-mail address or a database key's values, masked.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) if (secret.length >= 8) scrubbed = scrubbed.replaceAll(secret, "[redacted-secret]");
  return redactSecrets(scrubbed)
    .replace(URL_PASSWORD_PATTERN, "$1[redacted]@")
    .replace(KEY_VALUES_PATTERN, "$1[redacted])")
    .replace(EMAIL_PATTERN, "[redacted-email]")
    .replace(PHONE_PATTERN, "[redacted-number]");
}

/** Every string inside `value` (objects and arrays walked, in place) scrubbed with `scrubText`. */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return scrubText(value, secrets) as T;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = scrubDeep(value[index] as unknown, secrets);
    return value;
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = scrubDeep(record[key], secrets);
  }
  return value;
}
