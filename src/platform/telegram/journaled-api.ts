import type { Transformer } from "grammy";
import type { Metrics } from "../metrics.ts";
import type { UpdateScope } from "./update-journal.ts";

/** Calls that only read, or whose repetition nobody sees: not recorded in the journal. */
const UNRECORDED = /^(get|sendChatAction$|answerPreCheckoutQuery$)/;

/**
 * The Bot API as one update's handler sees it: calls carry the handler's deadline signal, and
 * calls with visible effects go through the update's journal, so a retried update does not send
 * again what it already sent.
 */
export function journaledApi(scope: UpdateScope, metrics: Metrics): Transformer {
  return async (prev, method, payload, signal) => {
    const call = async () => {
      // grammY types its signal with the abort-controller shim; at run time it is Node's own.
      const result = await prev(method, payload, signal ?? (scope.signal as unknown as typeof signal));
      metrics.apiCalls.inc({ method, code: result.ok ? 200 : result.error_code });
      if (!result.ok && result.error_code === 429) metrics.tooManyRequests.inc();
      return result;
    };
    if (UNRECORDED.test(method)) return call();
    return scope.journal.api(method, call);
  };
}
