import type { Transaction } from "kysely";
import { crashPoint } from "../crash-points.ts";
import type { Database } from "../db/database.ts";
import { withSavepoint } from "../db/savepoint.ts";
import type { PlatformTables } from "../db/schema.ts";
import type { Logger } from "../log.ts";
import type { EventHandler } from "../module.ts";

/** A failing event is tried this many times, on successive ticks, then left with its last error. */
export const MAX_EVENT_ATTEMPTS = 5;

export interface NewScheduledEvent {
  botId: string;
  kind: string;
  /** What the event is about (`booking:42:reminder`): scheduling the same key again moves it. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  dueAt: Date;
}

/**
 * Schedules a time-bound event in the caller's transaction. The same dedupe key again moves the
 * pending event (new time and payload, attempts reset), so moving a booking moves its reminder;
 * an event already done is left alone.
 */
export async function scheduleEvent(trx: Transaction<PlatformTables>, event: NewScheduledEvent): Promise<void> {
  const payload = JSON.stringify(event.payload);
  await trx
    .insertInto("scheduled_event")
    .values({ bot_id: event.botId, kind: event.kind, dedupe_key: event.dedupeKey, payload, due_at: event.dueAt })
    .onConflict((conflict) =>
      conflict
        .column("dedupe_key")
        .doUpdateSet({ due_at: event.dueAt, payload, attempts: 0, error: null })
        .where("scheduled_event.done_at", "is", null),
    )
    .execute();
}

/** Removes a pending event in the caller's transaction; true when there was one. */
export async function cancelEvent(trx: Transaction<PlatformTables>, dedupeKey: string): Promise<boolean> {
  const result = await trx
    .deleteFrom("scheduled_event")
    .where("dedupe_key", "=", dedupeKey)
    .where("done_at", "is", null)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface EventTick {
  /** Runs every event due by the clock's now, each in its own transaction; returns how many succeeded. */
  tick(): Promise<number>;
}

/**
 * The one tick that runs due events. Each event is claimed (`for update skip locked`, so replicas
 * ticking at once never run it twice), handled and marked done in one transaction: the handler's
 * outbox rows and the done mark commit together or not at all. A handler that throws is rolled
 * back to a savepoint, and the attempt and its error are recorded; a later tick tries again.
 */
export function createEventTick(deps: {
  database: Database;
  clock: { now(): Date };
  handlers: Record<string, EventHandler>;
  logger: Logger;
  /** Events handled per tick at most, so one tick ends even while events keep coming. */
  batch?: number;
}): EventTick {
  const { database, clock, handlers } = deps;
  const logger = deps.logger.child({ component: "event-tick" });
  const batch = deps.batch ?? 100;

  async function runOne(now: Date, tried: number[]): Promise<{ id: number; ok: boolean } | undefined> {
    return database.transaction(async (trx) => {
      let query = trx
        .selectFrom("scheduled_event")
        .selectAll()
        .where("due_at", "<=", now)
        .where("done_at", "is", null)
        .where("attempts", "<", MAX_EVENT_ATTEMPTS);
      if (tried.length > 0) query = query.where("id", "not in", tried);
      const event = await query.orderBy("due_at").orderBy("id").limit(1).forUpdate().skipLocked().executeTakeFirst();
      if (event === undefined) return undefined;

      const handler = handlers[event.kind];
      let failure: unknown;
      if (handler === undefined) {
        failure = new Error(`no handler for event kind ${event.kind}`);
      } else {
        try {
          await withSavepoint(trx, () => handler(trx, event));
        } catch (error) {
          failure = error;
        }
      }

      if (failure === undefined) {
        await trx.updateTable("scheduled_event").set({ done_at: now, error: null }).where("id", "=", event.id).execute();
      } else {
        const message = failure instanceof Error ? failure.message : JSON.stringify(failure) ?? "unknown error";
        await trx
          .updateTable("scheduled_event")
          .set((eb) => ({ attempts: eb("attempts", "+", 1), error: message.slice(0, 2000) }))
          .where("id", "=", event.id)
          .execute();
        logger.warn(
          { err: failure, event: event.id, kind: event.kind, botId: event.bot_id, attempt: event.attempts + 1 },
          event.attempts + 1 >= MAX_EVENT_ATTEMPTS ? "scheduled event failed for the last time" : "scheduled event failed",
        );
      }
      crashPoint("event-tick-before-commit");
      return { id: event.id, ok: failure === undefined };
    });
  }

  return {
    async tick() {
      const now = clock.now();
      // Most ticks find nothing: one plain read then, not a transaction.
      const due = await database.db
        .selectFrom("scheduled_event")
        .select("id")
        .where("due_at", "<=", now)
        .where("done_at", "is", null)
        .where("attempts", "<", MAX_EVENT_ATTEMPTS)
        .limit(1)
        .executeTakeFirst();
      if (due === undefined) return 0;
      const tried: number[] = [];
      let succeeded = 0;
      while (tried.length < batch) {
        const outcome = await runOne(now, tried);
        if (outcome === undefined) break;
        tried.push(outcome.id);
        if (outcome.ok) succeeded++;
      }
      return succeeded;
    },
  };
}
