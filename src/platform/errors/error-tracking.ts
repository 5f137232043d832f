import type { ErrorEvent } from "@sentry/node";
import type { Bindings, ChildLoggerOptions } from "pino";
import type { Logger } from "../log.ts";
import { scrubDeep, scrubText } from "./scrub.ts";

/** Log fields that are ids of the app's own things, safe to send as tags; everything else stays in the logs. */
const SAFE_FIELDS = ["component", "bot", "botId", "queue", "job", "method", "outboxId", "updateId", "problem", "reason"] as const;

/** Sends the errors the app logs to Sentry, scrubbed; see `startErrorTracking`. */
export interface ErrorTracker {
  /** A logger that also reports what it logs at error and fatal level (its children too). */
  watch(logger: Logger): Logger;
  /** Sends what is queued, waiting at most `timeoutMs`, and stops. */
  close(timeoutMs: number): Promise<void>;
}

/**
 * Error tracking with Sentry (`SENTRY_DSN`): loaded with a dynamic import only when a DSN is set,
 * so start-up without one does not load it at all. No tracing, no profiling, none of the default
 * integrations (they record HTTP calls, whose URLs carry bot tokens, as breadcrumbs): an event is
 * an error's type, message and stack, the log line's message and a few ids of the app's own
 * things. `beforeSend` drops user, request and breadcrumbs and masks, in every string left, the
 * given secrets (every bot's token...) and anything shaped like a token, a phone number, an e-mail
 * address or a database key's values. Message texts and names never reach an event: they are in
 * log fields, which are not sent.
 */
export async function startErrorTracking(options: { dsn: string; secrets: readonly string[]; release?: string }): Promise<ErrorTracker> {
  const Sentry = await import("@sentry/node");
  const secrets = options.secrets.filter((secret) => secret.length > 0);
  Sentry.init({
    dsn: options.dsn,
    ...(options.release === undefined ? {} : { release: options.release }),
    defaultIntegrations: false,
    integrations: [Sentry.linkedErrorsIntegration(), Sentry.onUncaughtExceptionIntegration(), Sentry.onUnhandledRejectionIntegration()],
    skipOpenTelemetrySetup: true,
    sendDefaultPii: false,
    maxBreadcrumbs: 0,
    beforeSend(event: ErrorEvent) {
      delete event.user;
      delete event.request;
      delete event.breadcrumbs;
      return scrubDeep(event, secrets);
    },
  });

  function report(args: unknown[]): void {
    const [first, second] = args;
    const fields = typeof first === "object" && first !== null && !(first instanceof Error) ? (first as Record<string, unknown>) : {};
    const error = first instanceof Error ? first : [fields.err, fields.error].find((candidate) => candidate instanceof Error);
    const message = typeof first === "string" ? first : typeof second === "string" ? second : undefined;
    const tags: Record<string, string> = {};
    for (const field of SAFE_FIELDS) {
      const value = fields[field];
      if (typeof value === "string" || typeof value === "number") tags[field] = scrubText(String(value), secrets);
    }
    if (error !== undefined) Sentry.captureException(error, { tags, ...(message === undefined ? {} : { extra: { log: message } }) });
    else if (message !== undefined) Sentry.captureMessage(message, { level: "error", tags });
  }

  function watch(logger: Logger): Logger {
    return new Proxy(logger, {
      get(target, property) {
        if (property === "error" || property === "fatal") {
          const log = target[property];
          return (...args: Parameters<typeof log>) => {
            report(args);
            log.apply(target, args);
          };
        }
        if (property === "child") return (bindings: Bindings, childOptions?: ChildLoggerOptions) => watch(target.child(bindings, childOptions));
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  return {
    watch,
    async close(timeoutMs) {
      await Sentry.close(timeoutMs);
    },
  };
}
