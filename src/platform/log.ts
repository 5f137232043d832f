import pino, { type Logger } from "pino";

export type { Logger };

/** Bot tokens (`123456:AA...`) wherever they appear, including inside URLs. */
const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;
/** Query parameters and fragments that carry secrets (login links, feed tokens). */
const URL_SECRET_PATTERN = /([?&#](?:token|secret|key|code|t)=)[^&#\s"]+/gi;
/** Secrets that are a path segment: a master's iCal feed, `/api/booking/feed/<secret>.ics`. */
const PATH_SECRET_PATTERN = /(\/feed\/)[A-Za-z0-9_-]{16,}/g;

/**
 * Hides bot tokens and secret URL parameters and path segments in any string, and each of the
 * `known` secrets (the configured tokens, whatever their shape), as written and URL-encoded.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let redacted = text;
  for (const secret of known) {
    redacted = redacted.replaceAll(secret, "[redacted-token]");
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) redacted = redacted.replaceAll(encoded, "[redacted-token]");
  }
  return redacted.replace(TOKEN_PATTERN, "[redacted-token]").replace(URL_SECRET_PATTERN, "$1[redacted]").replace(PATH_SECRET_PATTERN, "$1[redacted]");
}

/**
 * pino with secrets kept out: known secret fields are censored, and every line written is scanned
 * for bot tokens, secret URL parameters and the `secrets` given (a network error's message names
 * the request's URL, token included, and a token need not look like one to be one).
 */
export function createLogger(options: { level: string; pretty?: boolean; destination?: pino.DestinationStream; secrets?: readonly string[] }): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
  const settings: pino.LoggerOptions = {
    level: options.level,
    redact: {
      paths: [
        "token",
        "*.token",
        "botToken",
        "secret",
        "*.secret",
        "password",
        "*.password",
        "headers.authorization",
        'headers["x-telegram-bot-api-secret-token"]',
        "req.headers.authorization",
        'req.headers["x-telegram-bot-api-secret-token"]',
        "req.headers.cookie",
      ],
      censor: "[redacted]",
    },
    hooks: {
      streamWrite: (line) => redactSecrets(line, secrets),
    },
  };
  if (options.destination !== undefined) return pino(settings, options.destination);
  if (options.pretty === true) {
    return pino({ ...settings, transport: { target: "pino-pretty", options: { colorize: true } } });
  }
  return pino(settings);
}
