import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Update } from "@grammyjs/types";
import { GrammyError } from "grammy";
import { sql } from "kysely";
import { crashPoint } from "../crash-points.ts";
import type { Database } from "../db/database.ts";
import type { InboxRow } from "../db/schema.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import { updateTypeOf } from "./chat-key.ts";
import { readPayload } from "./inbox.ts";
import { checkUpdate } from "./update-shape.ts";
import { FencedOutError, UpdateJournal, updateScope } from "./update-journal.ts";

/** Handles one update of one bot; the journal of the attempt is in `updateScope`. */
export type UpdateHandler = (update: Update) => Promise<void>;

export interface DispatcherOptions {
  database: Database;
  handlers: ReadonlyMap<string, UpdateHandler>;
  /** Tells the user their update failed (in their language); must not throw. */
  apologize(botId: string, update: Update): Promise<void>;
  logger: Logger;
  metrics: Metrics;
  handlerTimeoutMs: number;
  leaseMs?: number;
  maxChats?: number;
  /** How often to look for updates other replicas stored; a local store wakes the loop at once. */
  pollIntervalMs?: number;
  /** Called after each update is finished (the outbox sender looks for what it queued). */
  onFinished?: () => void;
}

/** Updates a chat may handle in a row while other chats wait for a slot. */
const UPDATES_PER_TURN = 4;

/** An attempt that was started this many times and never finished is not tried again. */
const MAX_ATTEMPTS = 3;

class HandlerTimeoutError extends Error {
  override name = "HandlerTimeoutError";
}

/**
 * Takes updates from the inbox and handles them, one chat at a time and in update order, across
 * processes. A worker leases a chat (a row with an owner and an expiry, renewed while it works)
 * rather than locking it, so no connection is held across a handler.
 */
export class Dispatcher {
  readonly owner = randomUUID();
  readonly #options: Required<DispatcherOptions>;
  readonly #active = new Map<string, Promise<void>>();
  #running: Promise<void> | undefined;
  #stopping = new AbortController();
  #wake: (() => void) | undefined;
  /** A wake() that came while the loop was busy: look again at once instead of sleeping. */
  #wakeMissed = false;
  /** The last look found more chats waiting than there were free slots. */
  #backlog = false;

  constructor(options: DispatcherOptions) {
    // A lease outlives the longest handler (it is renewed between updates), but not by much:
    // a replica that died holds its chats until then.
    this.#options = { leaseMs: Math.max(15_000, options.handlerTimeoutMs * 2), maxChats: 16, pollIntervalMs: 250, onFinished: () => undefined, ...options };
  }

  get running(): boolean {
    return this.#running !== undefined && !this.#stopping.signal.aborted;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  /**
   * Forgets every chat lease. Only for a process that knows it is alone (PGlite holds DATA_DIR
   * exclusively): leases left by a process that died are then certainly stale, and waiting for
   * them to expire would delay those chats after a crash.
   */
  async releaseAllLeases(): Promise<void> {
    await this.#options.database.db.deleteFrom("chat_lease").execute();
  }

  /** Look for work now: an update was just stored. */
  wake(): void {
    if (this.#wake === undefined) this.#wakeMissed = true;
    else this.#wake();
  }

  /** Stops taking chats and waits up to `budgetMs` for the handlers in flight; the rest are abandoned. */
  async stop(budgetMs: number): Promise<void> {
    this.#stopping.abort();
    this.wake();
    await this.#running;
    const drained = Promise.all(this.#active.values()).then(() => true);
    const finished = await Promise.race([drained, sleep(budgetMs, false)]);
    if (!finished) this.#options.logger.warn({ chats: [...this.#active.keys()] }, "shutdown budget spent; abandoning handlers");
  }

  async #loop(): Promise<void> {
    const { logger, pollIntervalMs } = this.#options;
    while (!this.#stopping.signal.aborted) {
      try {
        await this.#takeChats();
      } catch (error) {
        logger.error({ err: error }, "dispatcher could not look for work");
      }
      if (this.#wakeMissed) {
        this.#wakeMissed = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  async #takeChats(): Promise<void> {
    const { database, handlers, maxChats } = this.#options;
    const free = maxChats - this.#active.size;
    if (free <= 0) return;
    const chats = await database.db
      .selectFrom("inbox")
      .select(["bot_id", "chat_key"])
      .select((eb) => eb.fn.min("update_id").as("first_update"))
      .where("status", "in", ["pending", "handling"])
      .where("bot_id", "in", [...handlers.keys()])
      .groupBy(["bot_id", "chat_key"])
      .orderBy("first_update")
      .limit(free + this.#active.size + 1)
      .execute();
    this.#backlog = chats.filter((chat) => !this.#active.has(`${chat.bot_id}\u0000${chat.chat_key}`)).length > free;
    for (const chat of chats) {
      const key = `${chat.bot_id}\u0000${chat.chat_key}`;
      if (this.#active.has(key) || this.#active.size >= maxChats || this.#stopping.signal.aborted) continue;
      if (!(await this.#lease(chat.bot_id, chat.chat_key))) continue;
      const work = this.#workChat(chat.bot_id, chat.chat_key)
        .catch((error: unknown) => this.#options.logger.error({ err: error, chat: chat.chat_key }, "chat worker failed"))
        .finally(() => {
          this.#active.delete(key);
          this.wake();
        });
      this.#active.set(key, work);
    }
  }

  async #lease(botId: string, chatKey: string): Promise<boolean> {
    const { database, leaseMs } = this.#options;
    const expiresAt = sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`;
    const row = await database.db
      .insertInto("chat_lease")
      .values({ bot_id: botId, chat_key: chatKey, owner: this.owner, expires_at: expiresAt })
      .onConflict((conflict) =>
        conflict
          .columns(["bot_id", "chat_key"])
          .doUpdateSet({ owner: this.owner, expires_at: expiresAt })
          .where((eb) => eb.or([eb("chat_lease.expires_at", "<", sql<Date>`now()`), eb("chat_lease.owner", "=", this.owner)])),
      )
      .returning("owner")
      .executeTakeFirst();
    return row?.owner === this.owner;
  }

  async #release(botId: string, chatKey: string): Promise<void> {
    await this.#options.database.db
      .deleteFrom("chat_lease")
      .where("bot_id", "=", botId)
      .where("chat_key", "=", chatKey)
      .where("owner", "=", this.owner)
      .execute();
  }

  async #workChat(botId: string, chatKey: string): Promise<void> {
    const { database } = this.#options;
    for (let turn = 1; !this.#stopping.signal.aborted; turn++) {
      if (!(await this.#lease(botId, chatKey))) return;
      const next = await database.db
        .selectFrom("inbox")
        .selectAll()
        .where("bot_id", "=", botId)
        .where("chat_key", "=", chatKey)
        .where("status", "in", ["pending", "handling"])
        .orderBy("update_id")
        .limit(1)
        .executeTakeFirst();
      if (next === undefined) break;
      await this.#handle(next);
      // A chat that keeps talking must not hold its slot while other chats wait: after a turn
      // of a few updates it gives the slot up, and the next look serves the oldest update first.
      // (Not after every update: re-leasing costs queries, which PGlite's one connection feels.)
      if (this.#backlog && turn >= UPDATES_PER_TURN) break;
    }
    await this.#release(botId, chatKey);
  }

  async #handle(row: InboxRow): Promise<void> {
    const { database, logger, metrics, handlerTimeoutMs } = this.#options;
    const update = readPayload(row);
    const type = updateTypeOf(update);
    const log = logger.child({ bot: row.bot_id, update_id: row.update_id, chat: row.chat_key });

    // Intake quarantines malformed updates; one stored before it did (or by an older replica
    // during an upgrade) is finished here, never handed to a handler.
    const check = checkUpdate(update);
    if (!check.ok) {
      await this.#finish(row, row.attempts, "failed", `malformed update: ${check.problem}`);
      metrics.updates.inc({ type: "intake", outcome: "quarantined" });
      log.warn({ problem: check.problem }, "malformed update quarantined");
      return;
    }

    if (row.status === "handling") {
      if (row.attempts >= MAX_ATTEMPTS) {
        await this.#finish(row, row.attempts, "failed", `abandoned after ${row.attempts} attempts`);
        metrics.updates.inc({ type, outcome: "failed" });
        log.error({ attempts: row.attempts }, "update given up after repeated unfinished attempts");
        return;
      }
      metrics.replayedUpdates.inc();
      log.warn({ attempts: row.attempts }, "resuming an update an earlier attempt did not finish");
    }
    const claimed = await database.db
      .updateTable("inbox")
      .set({ status: "handling", attempts: sql<number>`attempts + 1` })
      .where("bot_id", "=", row.bot_id)
      .where("update_id", "=", row.update_id)
      .where("attempts", "=", row.attempts)
      .returning(["attempts", "journal"])
      .executeTakeFirst();
    if (claimed === undefined) return;

    const handler = this.#options.handlers.get(row.bot_id);
    if (handler === undefined) return;
    const journal = new UpdateJournal(database, row.bot_id, row.update_id, claimed.attempts, claimed.journal, (method) => {
      metrics.repeatedMessages.inc({ source: "reply" });
      log.warn({ method }, "an earlier attempt's Bot API call was interrupted after it started; making it again");
    });
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new HandlerTimeoutError(`handler exceeded ${handlerTimeoutMs} ms`)), handlerTimeoutMs);
    const started = performance.now();
    const run = updateScope.run({ journal, signal: deadline.signal, deadlineAt: Date.now() + handlerTimeoutMs }, () => handler(update));
    const timedOut = new Promise<never>((_, reject) => {
      deadline.signal.addEventListener("abort", () => reject(deadline.signal.reason as Error), { once: true });
    });
    try {
      await Promise.race([run, timedOut]);
      crashPoint("handler-before-done");
      await this.#finish(row, claimed.attempts, "done", null);
      metrics.updates.inc({ type, outcome: "done" });
    } catch (error) {
      const outcome = error instanceof HandlerTimeoutError ? "timeout" : "failed";
      // Fencing first: from here on, the abandoned handler's writes are refused.
      const finished = await this.#finish(row, claimed.attempts, "failed", String(error));
      metrics.updates.inc({ type, outcome });
      if (error instanceof FencedOutError) {
        metrics.fencedWrites.inc();
        log.warn("handler fenced out: another attempt owns this update");
      } else if (error instanceof GrammyError && error.error_code === 403) {
        // Marked blocked by the call that met it (journaledApi): nobody to apologise to.
        log.info({ update_type: type, description: error.description }, "the chat blocked the bot; its update is dropped");
      } else {
        log.error({ err: error, update_type: type, changed: journal.changed }, outcome === "timeout" ? "handler timed out" : "handler failed");
        // A change committed stays committed: "something went wrong" would tell them it did not.
        // Guarded too: an apology must never take the chat's worker down with it.
        if (finished && !journal.changed) {
          await this.#options.apologize(row.bot_id, update).catch((apologyError: unknown) => log.warn({ err: apologyError }, "could not apologise for a failed update"));
        }
      }
    } finally {
      clearTimeout(timer);
      metrics.handlerSeconds.observe((performance.now() - started) / 1000);
      this.#options.onFinished();
      run.catch((error: unknown) => {
        if (error instanceof FencedOutError) {
          metrics.fencedWrites.inc();
          log.warn("a late write of an abandoned handler was refused");
        }
      });
    }
  }

  async #finish(row: InboxRow, attempt: number, status: "done" | "failed", error: string | null): Promise<boolean> {
    const result = await this.#options.database.db
      .updateTable("inbox")
      .set({ status, finished_at: sql<Date>`now()`, error })
      .where("bot_id", "=", row.bot_id)
      .where("update_id", "=", row.update_id)
      .where("attempts", "=", attempt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
