import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Update } from "@grammyjs/types";
import { GrammyError } from "grammy";
import { sql, type RawBuilder } from "kysely";
import { senderOfClaimedCtes } from "../auth/people.ts";
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
  /** Called after an update that may have queued outbox messages (the outbox sender looks for them). */
  onQueued?: () => void;
}

/** Updates a chat may handle in a row while other chats wait for a slot. */
const UPDATES_PER_TURN = 4;

/** An attempt that was started this many times and never finished is not tried again. */
const MAX_ATTEMPTS = 3;

/** A claimed inbox row, with its status and attempt number before the claim. */
interface Claimed {
  row: InboxRow;
  wasStatus: InboxRow["status"];
  wasAttempts: number;
}

type ClaimedRow = InboxRow & { was_status: InboxRow["status"] | null; was_attempts: number | null };

function claimedOf({ was_status, was_attempts, ...row }: ClaimedRow): Claimed {
  return { row, wasStatus: was_status ?? "pending", wasAttempts: was_attempts ?? 0 };
}

/** How an update ends: `recordedAttempts` is what its row keeps (one never handed over keeps the count it had). */
interface Finish {
  status: "done" | "failed";
  error: string | null;
  attempt: number;
  recordedAttempts: number;
}

/**
 * Claims the update `next` (a CTE) names: the next attempt number, unless earlier attempts were
 * given up on (the row is then finished without a new one).
 */
function claimNext(condition: RawBuilder<unknown>, withSender: boolean) {
  // A fresh update's sender is recorded by the claim itself: its journal starts with that step.
  return sql`${withSender ? sql`${senderOfClaimedCtes(condition)},` : sql``} claimed as (
    update inbox set status = 'handling',
      attempts = case when next.status = 'handling' and next.attempts >= ${MAX_ATTEMPTS} then next.attempts else next.attempts + 1 end,
      journal = ${withSender ? sql`coalesce((select journal from sender_record), inbox.journal)` : sql`inbox.journal`}
    from next where inbox.bot_id = next.bot_id and inbox.update_id = next.update_id and ${condition}
    returning inbox.*, next.status as was_status, next.attempts as was_attempts)`;
}

function chatId(botId: string, chatKey: string): string {
  return `${botId}\u0000${chatKey}`;
}

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
  /** Chats an update was stored for while their worker ran: looked at again when it ends. */
  readonly #storedWhileActive = new Set<string>();

  constructor(options: DispatcherOptions) {
    // A lease outlives the longest handler (it is renewed between updates), but not by much:
    // a replica that died holds its chats until then.
    this.#options = { leaseMs: Math.max(15_000, options.handlerTimeoutMs * 2), maxChats: 16, pollIntervalMs: 250, onQueued: () => undefined, ...options };
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

  /** Updates of these chats were just stored here: work them now. */
  stored(botId: string, chatKeys: readonly string[]): void {
    this.#startChats(botId, chatKeys);
  }

  /** Look for work now. */
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
    this.#backlog = chats.filter((chat) => !this.#active.has(chatId(chat.bot_id, chat.chat_key))).length > free;
    for (const chat of chats) this.#startChat(chat.bot_id, chat.chat_key);
  }

  /** Works a chat whose updates were just stored here, without looking for it first. */
  #startChats(botId: string, chatKeys: readonly string[]): void {
    if (!this.#options.handlers.has(botId)) return;
    for (const chatKey of new Set(chatKeys)) {
      const key = chatId(botId, chatKey);
      // Its worker may have looked for the next update just before this one was stored.
      if (this.#active.has(key)) this.#storedWhileActive.add(key);
      else if (!this.#startChat(botId, chatKey)) this.#backlog = true;
    }
  }

  /** Starts a worker for the chat if there is a free slot; false when there was none. */
  #startChat(botId: string, chatKey: string): boolean {
    const key = chatId(botId, chatKey);
    if (this.#active.has(key)) return true;
    if (this.#active.size >= this.#options.maxChats || this.#stopping.signal.aborted) return false;
    const work = this.#workChat(botId, chatKey)
      .catch((error: unknown) => this.#options.logger.error({ err: error, chat: chatKey }, "chat worker failed"))
      .finally(() => {
        this.#active.delete(key);
        if (this.#storedWhileActive.delete(key)) this.#startChat(botId, chatKey);
        // Other chats wait only when the last look found more than there were slots.
        if (this.#backlog) this.wake();
      });
    this.#active.set(key, work);
    return true;
  }

  /**
   * Takes the chat's lease (unless another live worker holds it) and claims its first update,
   * in one statement: an attempt number taken, which fences out any earlier attempt's writes.
   */
  async #claimFirst(botId: string, chatKey: string): Promise<Claimed | undefined> {
    const result = await this.#withSenderOrWithout((withSender) => this.#claimFirstStatement(botId, chatKey, withSender));
    const row = result.rows[0];
    if (row?.update_id == null) {
      // Leased, but the update that brought us here was finished by someone else meanwhile.
      if (row?.leased === 1) await this.#release(botId, chatKey);
      return undefined;
    }
    return claimedOf(row);
  }

  /**
   * Runs a claiming statement that records the sender too; should that part ever fail, the claim
   * runs without it (the handler records the sender then), so no update is stuck behind it.
   */
  async #withSenderOrWithout<R>(statement: (withSender: boolean) => Promise<R>): Promise<R> {
    try {
      return await statement(true);
    } catch (error) {
      this.#options.logger.warn({ err: error }, "claiming with the sender's record failed; claiming without it");
      return statement(false);
    }
  }

  #claimFirstStatement(botId: string, chatKey: string, withSender: boolean) {
    const { database, leaseMs } = this.#options;
    return sql<ClaimedRow & { leased: number }>`
      with lease as (
        insert into chat_lease (bot_id, chat_key, owner, expires_at)
        values (${botId}, ${chatKey}, ${this.owner}, now() + make_interval(secs => ${leaseMs / 1000}))
        on conflict (bot_id, chat_key) do update set owner = excluded.owner, expires_at = excluded.expires_at
        where chat_lease.expires_at < now() or chat_lease.owner = excluded.owner
        returning owner
      ), next as (
        select bot_id, update_id, status, attempts, payload from inbox
        where bot_id = ${botId} and chat_key = ${chatKey} and status in ('pending', 'handling') and exists (select 1 from lease)
        order by update_id limit 1
      ), ${claimNext(sql`true`, withSender)}
      select (select count(*) from lease)::int as leased, claimed.* from (select 1) as one left join claimed on true`.execute(database.db);
  }

  /**
   * Finishes an update and, in the same statement, claims the chat's next one and renews the
   * lease, or releases the lease when there is none (or `goOn` is false). Returns whether the
   * finish was ours (not fenced out) and the next update claimed.
   */
  async #finishAndNext(row: InboxRow, finish: Finish, goOn: boolean): Promise<{ finished: boolean; next: Claimed | undefined }> {
    const result = await this.#withSenderOrWithout((withSender) => this.#finishAndNextStatement(row, finish, goOn, withSender));
    const first = result.rows[0];
    return { finished: first?.finished === 1, next: first?.update_id == null ? undefined : claimedOf(first) };
  }

  #finishAndNextStatement(row: InboxRow, finish: Finish, goOn: boolean, withSender: boolean) {
    const { database, leaseMs } = this.#options;
    return sql<ClaimedRow & { finished: number }>`
      with finished as (
        update inbox set status = ${finish.status}, finished_at = now(), error = ${finish.error}, attempts = ${finish.recordedAttempts}
        where bot_id = ${row.bot_id} and update_id = ${row.update_id} and attempts = ${finish.attempt}
        returning update_id
      ), next as (
        select bot_id, update_id, status, attempts, payload from inbox
        where bot_id = ${row.bot_id} and chat_key = ${row.chat_key} and status in ('pending', 'handling') and update_id <> ${row.update_id} and ${goOn}
        order by update_id limit 1
      ), renewed as (
        update chat_lease set expires_at = now() + make_interval(secs => ${leaseMs / 1000})
        where bot_id = ${row.bot_id} and chat_key = ${row.chat_key} and owner = ${this.owner} and exists (select 1 from next)
        returning owner
      ), released as (
        delete from chat_lease
        where bot_id = ${row.bot_id} and chat_key = ${row.chat_key} and owner = ${this.owner} and not exists (select 1 from next)
      ), ${claimNext(sql`exists (select 1 from renewed)`, withSender)}
      select (select count(*) from finished)::int as finished, claimed.* from (select 1) as one left join claimed on true`.execute(database.db);
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
    let next = await this.#claimFirst(botId, chatKey);
    for (let turn = 1; next !== undefined; turn++) {
      // A chat that keeps talking must not hold its slot while other chats wait: after a turn
      // of a few updates it gives the slot up, and the next look serves the oldest update first.
      const goOn = !this.#stopping.signal.aborted && !(this.#backlog && turn >= UPDATES_PER_TURN);
      next = await this.#handle(next, goOn);
    }
  }

  /** Handles one claimed update and finishes it; returns the chat's next update, claimed, if `goOn`. */
  async #handle(claimed: Claimed, goOn: boolean): Promise<Claimed | undefined> {
    const { database, logger, metrics, handlerTimeoutMs } = this.#options;
    const { row, wasStatus, wasAttempts } = claimed;
    const update = readPayload(row);
    const type = updateTypeOf(update);
    const log = logger.child({ bot: row.bot_id, update_id: row.update_id, chat: row.chat_key });
    const finish = async (status: Finish["status"], error: string | null, recordedAttempts = row.attempts) =>
      this.#finishAndNext(row, { status, error, attempt: row.attempts, recordedAttempts }, goOn);

    // Intake quarantines malformed updates; one stored before it did (or by an older replica
    // during an upgrade) is finished here, never handed to a handler.
    const check = checkUpdate(update);
    if (!check.ok) {
      const { next } = await finish("failed", `malformed update: ${check.problem}`, wasAttempts);
      metrics.updates.inc({ type: "intake", outcome: "quarantined" });
      log.warn({ problem: check.problem }, "malformed update quarantined");
      return next;
    }

    if (wasStatus === "handling") {
      if (wasAttempts >= MAX_ATTEMPTS) {
        const { next } = await finish("failed", `abandoned after ${wasAttempts} attempts`);
        metrics.updates.inc({ type, outcome: "failed" });
        log.error({ attempts: wasAttempts }, "update given up after repeated unfinished attempts");
        return next;
      }
      metrics.replayedUpdates.inc();
      log.warn({ attempts: wasAttempts }, "resuming an update an earlier attempt did not finish");
    }

    const handler = this.#options.handlers.get(row.bot_id);
    if (handler === undefined) {
      await this.#release(row.bot_id, row.chat_key);
      return undefined;
    }
    const deadline = new AbortController();
    const journal = new UpdateJournal(
      database,
      row.bot_id,
      row.update_id,
      row.attempts,
      row.journal,
      (method) => {
        metrics.repeatedMessages.inc({ source: "reply" });
        log.warn({ method }, "an earlier attempt may have made this Bot API call without recording it; making it again");
      },
      { resumed: wasStatus === "handling", signal: deadline.signal },
    );
    const timer = setTimeout(() => deadline.abort(new HandlerTimeoutError(`handler exceeded ${handlerTimeoutMs} ms`)), handlerTimeoutMs);
    const started = performance.now();
    const run = updateScope.run({ journal, signal: deadline.signal, deadlineAt: Date.now() + handlerTimeoutMs }, () => handler(update));
    const timedOut = new Promise<never>((_, reject) => {
      deadline.signal.addEventListener("abort", () => reject(deadline.signal.reason as Error), { once: true });
    });
    try {
      await Promise.race([run, timedOut]);
      await journal.flush();
      crashPoint("handler-before-done");
      const { next } = await finish("done", null);
      metrics.updates.inc({ type, outcome: "done" });
      return next;
    } catch (error) {
      const outcome = error instanceof HandlerTimeoutError ? "timeout" : "failed";
      // Fencing first: from here on, the abandoned handler's writes are refused.
      const { finished, next } = await finish("failed", String(error));
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
      return next;
    } finally {
      clearTimeout(timer);
      metrics.handlerSeconds.observe((performance.now() - started) / 1000);
      if (journal.queued) this.#options.onQueued();
      run.catch((error: unknown) => {
        if (error instanceof FencedOutError) {
          metrics.fencedWrites.inc();
          log.warn("a late write of an abandoned handler was refused");
        }
      });
    }
  }
}
