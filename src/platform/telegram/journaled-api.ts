import { setTimeout as sleep } from "node:timers/promises";
import type { Transformer } from "grammy";
import type { Kysely } from "kysely";
import { setBlocked } from "../auth/people.ts";
import type { PlatformTables } from "../db/schema.ts";
import type { Metrics } from "../metrics.ts";
import { enqueueOutbox } from "./outbox.ts";
import { HandedOver, type UpdateScope } from "./update-journal.ts";

/** Calls that only read, or whose repetition nobody sees: not recorded in the journal. */
const UNRECORDED = /^(get|sendChatAction$|answerPreCheckoutQuery$)/;

/** Tries of one call Telegram keeps answering 429 or 5xx, within the deadline. */
const MAX_TRIES = 4;
/** Kept back from the deadline: after its call the handler still has to finish. */
const DEADLINE_MARGIN_MS = 500;

function serverErrorBackoffMs(tries: number): number {
  return 250 * 2 ** (tries - 1);
}

/** A payload the outbox can store as JSON: no file to upload, a chat id it can order by. */
function canHandOver(payload: Record<string, unknown>): boolean {
  return typeof payload.chat_id === "number" && isPlainJson(payload);
}

function isPlainJson(value: unknown): boolean {
  if (value === null || ["string", "number", "boolean", "undefined"].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== "object") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isPlainJson);
}

/**
 * The Bot API as one update's handler sees it: calls carry the handler's deadline signal, and
 * calls with visible effects go through the update's journal, so a retried update does not send
 * again what it already sent.
 *
 * A recorded call Telegram answers 429 or 5xx is tried again (after `retry_after` for a 429)
 * while the handler's deadline allows; when it does not, the call is handed to the outbox, which
 * sends it when Telegram allows, and later calls of the update follow it there (one chat's
 * messages stay in order). The handler gets `true` for a call handed over. A 403 marks the
 * person blocked, as the outbox does.
 */
export function journaledApi(scope: UpdateScope, deps: { metrics: Metrics; db: Kysely<PlatformTables>; botId: string }): Transformer {
  const { metrics } = deps;
  let handedOver = false;
  return async (prev, method, payload, signal) => {
    const once = async () => {
      // grammY types its signal with the abort-controller shim; at run time it is Node's own.
      const result = await prev(method, payload, signal ?? (scope.signal as unknown as typeof signal));
      metrics.apiCalls.inc({ method, code: result.ok ? 200 : result.error_code });
      if (!result.ok && result.error_code === 429) metrics.tooManyRequests.inc();
      return result;
    };
    if (UNRECORDED.test(method)) return once();
    const fields = payload as Record<string, unknown>;
    const handOver = (waitMs: number) => {
      handedOver = true;
      const chatId = fields.chat_id as number;
      return new HandedOver({ ok: true as const, result: true as never }, async (trx, dedupeKey) => {
        await enqueueOutbox(trx, { botId: deps.botId, chatId, method, payload: fields, dedupeKey, notBefore: new Date(Date.now() + waitMs) });
      });
    };
    return scope.journal.api(method, async () => {
      if (handedOver && canHandOver(fields)) return handOver(0);
      for (let tries = 1; ; tries++) {
        const result = await once();
        if (result.ok) return result;
        if (result.error_code === 403) {
          if (typeof fields.chat_id === "number" && fields.chat_id > 0) await setBlocked(deps.db, deps.botId, fields.chat_id, true);
          return result;
        }
        const waitMs = result.error_code === 429 ? (result.parameters?.retry_after ?? 1) * 1000 : result.error_code >= 500 ? serverErrorBackoffMs(tries) : undefined;
        if (waitMs === undefined) return result;
        if (tries < MAX_TRIES && Date.now() + waitMs + DEADLINE_MARGIN_MS <= scope.deadlineAt) {
          await sleep(waitMs, undefined, { signal: scope.signal });
          continue;
        }
        return canHandOver(fields) ? handOver(result.error_code === 429 ? waitMs : 0) : result;
      }
    });
  };
}
