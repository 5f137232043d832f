import { AsyncLocalStorage } from "node:async_hooks";
import type { Transaction } from "kysely";
import { crashPoint } from "../crash-points.ts";
import type { Database } from "../db/database.ts";
import type { JournalStep, PlatformTables } from "../db/schema.ts";

/** The handler was abandoned (deadline, or another worker took the chat): its writes are refused. */
export class FencedOutError extends Error {
  override name = "FencedOutError";
  constructor(botId: string, updateId: number) {
    super(`update ${botId}/${updateId} is no longer ours to write for`);
  }
}

/**
 * What one handling attempt of an update has done, step by step: each transaction's result and
 * each Bot API call's result. A later attempt of the same update (after a crash or a lost lease)
 * replays recorded steps instead of doing them again, so database effects apply once and a reply
 * already sent is not sent twice. Only a call whose answer came but whose record did not (a
 * crash in between) can repeat: the one in-flight message. A call is recorded once, with its
 * answer, in the journal's next write: the next transaction's, or on its own before the next call
 * starts or the update finishes (`flush`), so at most one answered call is ever unrecorded.
 * An earlier attempt can only have made the first call after its last record without recording
 * it (a later call would have written it first), so a resumed attempt that makes that call again
 * reports it as a possible repeat (`onRepeat`).
 *
 * Every record is fenced by the attempt number: once the dispatcher has moved on (deadline) or
 * another worker has started a newer attempt, the write fails and its transaction rolls back.
 * A call is fenced by the deadline (`signal`): the lease outlives it, so no other worker can have
 * taken the update while the signal is not aborted.
 */
export class UpdateJournal {
  readonly #database: Database;
  readonly #steps: JournalStep[];
  #next = 0;
  readonly botId: string;
  readonly updateId: number;
  readonly attempt: number;
  readonly #onRepeat: (method: string) => void;
  #changed: boolean;
  #queued = false;
  /** A call's answer is in the steps and not written yet. */
  #unwritten = false;
  /** Resumed and nothing written yet: an earlier attempt may be in the middle of the next call. */
  #mayRepeat: boolean;
  readonly #signal: AbortSignal | undefined;

  /**
   * `resumed`: an earlier attempt of the update started and did not finish. `signal`: aborted when
   * the handler is abandoned; no call starts after it.
   */
  constructor(
    database: Database,
    botId: string,
    updateId: number,
    attempt: number,
    steps: JournalStep[],
    onRepeat: (method: string) => void = () => undefined,
    options: { resumed?: boolean; signal?: AbortSignal } = {},
  ) {
    this.#database = database;
    this.#onRepeat = onRepeat;
    this.#mayRepeat = options.resumed ?? false;
    this.#signal = options.signal;
    this.#changed = steps.some(isChange);
    this.botId = botId;
    this.updateId = updateId;
    this.attempt = attempt;
    this.#steps = [...steps];
  }

  /**
   * Whether this update has committed a change, in this attempt or an earlier one: from then on
   * an apology would be false (the booking is made even if its confirmation failed).
   */
  get changed(): boolean {
    return this.#changed;
  }

  /** Whether this attempt queued outbox messages (the sender should look). */
  get queued(): boolean {
    return this.#queued;
  }

  /** Outbox messages were queued in this attempt's transaction (`enqueueOutbox` says so). */
  noteQueued(): void {
    this.#queued = true;
  }

  /** Writes an answer not written yet: before the update is finished, so a replay never repeats it. */
  async flush(): Promise<void> {
    if (this.#unwritten) await this.#write(this.#database.db);
  }

  /**
   * Runs `work`, the platform's own bookkeeping (one statement whose repetition changes nothing,
   * such as recording who wrote), and records its result with the journal's next write: a replay
   * after any later step sees what this attempt saw, and one before it has nothing to agree with.
   */
  async note<T>(name: string, work: (db: Database["db"]) => Promise<T>): Promise<Jsonified<T>> {
    const recorded = this.#take("commit", name);
    if (recorded !== undefined) return recorded.result as Jsonified<T>;
    const index = this.#next - 1;
    const result = asJson(await work(this.#database.db));
    this.#steps[index] = { kind: "commit", name, bookkeeping: true, result };
    this.#steps.length = index + 1;
    return result as Jsonified<T>;
  }

  /**
   * Runs `work` in one transaction and records its result with it; on a replay returns the
   * recorded result. Results are JSON: the first run returns the same JSON a replay would.
   * `bookkeeping` marks the platform's own records, which are no change the update asked for.
   */
  async commit<T>(name: string, work: (trx: Transaction<PlatformTables>) => Promise<T>, options: { bookkeeping?: boolean } = {}): Promise<Jsonified<T>> {
    const recorded = this.#take("commit", name);
    if (recorded !== undefined) return recorded.result as Jsonified<T>;
    const index = this.#next - 1;
    const step: Omit<JournalStep, "result"> = { kind: "commit", name, ...(options.bookkeeping === true ? { bookkeeping: true } : {}) };
    const before = { unwritten: this.#unwritten, mayRepeat: this.#mayRepeat };
    const committed = await this.#database.transaction(async (trx) => {
      const result = asJson(await work(trx));
      await this.#record(trx, index, { ...step, result });
      return result as Jsonified<T>;
    }).catch((error: unknown) => {
      // Rolled back: what its record carried is still unwritten.
      this.#unwritten = before.unwritten;
      this.#mayRepeat = before.mayRepeat;
      throw error;
    });
    if (options.bookkeeping !== true) this.#changed = true;
    return committed;
  }

  /**
   * Makes a Bot API call once across attempts. A call an earlier attempt may have made without
   * recording its answer is made again and reported to `onRepeat`: it may have been sent.
   * `call` may hand itself to the outbox instead (`HandedOver`): the row is queued in the
   * transaction that records the step, so a replay does not queue it again.
   */
  async api<T>(method: string, call: () => Promise<T | HandedOver<T>>): Promise<T> {
    const recorded = this.#take("api", method);
    if (recorded !== undefined && recorded.call === undefined) return recorded.result as T;
    const index = this.#next - 1;
    // An abandoned handler does not even start its call; one answered before it is written first.
    if (this.#signal?.aborted === true) throw new FencedOutError(this.botId, this.updateId);
    await this.flush();
    // Journals of older versions mark a call started before it is made.
    const repeat = recorded?.call === "started" || (recorded === undefined && this.#mayRepeat);
    let answer: T | HandedOver<T>;
    try {
      answer = await call();
    } catch (error) {
      await this.#record(this.#database.db, index, { kind: "api", name: method, result: null, call: "failed" }).catch(() => undefined);
      throw error;
    } finally {
      // Reported once the call is made again, so whoever sees the report sees the repeat too.
      if (repeat) this.#onRepeat(method);
    }
    if (answer instanceof HandedOver) {
      const { result, enqueue } = answer;
      this.#queued = true;
      await this.#database.transaction(async (trx) => {
        await enqueue(trx, `reply:${this.updateId}:${index}`);
        await this.#record(trx, index, { kind: "api", name: method, result: asJson(result) });
      });
      return result;
    }
    crashPoint("reply-after-telegram-200");
    this.#steps[index] = { kind: "api", name: method, result: replayable(answer) };
    this.#steps.length = index + 1;
    this.#unwritten = true;
    return answer;
  }

  #take(kind: JournalStep["kind"], name: string): JournalStep | undefined {
    const index = this.#next++;
    const recorded = this.#steps[index];
    if (recorded?.kind === kind && recorded.name === name) return recorded;
    // The handler took another path this time (or this step is new): what was recorded from
    // here on no longer describes it.
    this.#steps.length = Math.min(this.#steps.length, index);
    return undefined;
  }

  async #record(db: Database["db"] | Transaction<PlatformTables>, index: number, step: JournalStep): Promise<void> {
    this.#steps[index] = step;
    this.#steps.length = index + 1;
    await this.#write(db);
  }

  async #write(db: Database["db"] | Transaction<PlatformTables>): Promise<void> {
    this.#mayRepeat = false;
    this.#unwritten = false;
    const result = await db
      .updateTable("inbox")
      .set({ journal: JSON.stringify(this.#steps) })
      .where("bot_id", "=", this.botId)
      .where("update_id", "=", this.updateId)
      .where("attempts", "=", this.attempt)
      .where("status", "=", "handling")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new FencedOutError(this.botId, this.updateId);
  }
}

/**
 * A Bot API call handed to the outbox instead of made now (Telegram asked to wait past the
 * handler's deadline): `enqueue` queues it under the dedupe key the journal gives, and `result`
 * is what the handler gets back.
 */
export class HandedOver<T> {
  readonly result: T;
  readonly enqueue: (trx: Transaction<PlatformTables>, dedupeKey: string) => Promise<void>;
  constructor(result: T, enqueue: (trx: Transaction<PlatformTables>, dedupeKey: string) => Promise<void>) {
    this.result = result;
    this.enqueue = enqueue;
  }
}

function isChange(step: JournalStep): boolean {
  return step.kind === "commit" && step.bookkeeping !== true;
}

/** What a value becomes through JSON: a `Date` its ISO string, `undefined` members gone, `undefined` itself null. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends undefined
    ? null
    : T extends string | number | boolean | null
      ? T
      : T extends readonly (infer Item)[]
        ? Jsonified<Item>[]
        : T extends object
          ? { [K in keyof T]: undefined extends T[K] ? Jsonified<Exclude<T[K], undefined>> | undefined : Jsonified<T[K]> }
          : T;

/**
 * What a replay needs of a Bot API result: a sent message's id, date and chat, never its text or
 * buttons, which may hold a login link or a calendar feed's secret address; other results as
 * they came (true, a chat member, a file's path).
 */
export function replayable(result: unknown): unknown {
  const slim = (message: Record<string, unknown>) => {
    const chat = message.chat as { id?: unknown; type?: unknown } | undefined;
    return {
      message_id: message.message_id,
      date: message.date,
      ...(chat === undefined ? {} : { chat: { id: chat.id, type: chat.type } }),
      ...(message.message_thread_id === undefined ? {} : { message_thread_id: message.message_thread_id }),
    };
  };
  const isMessage = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && typeof (value as { message_id?: unknown }).message_id === "number";
  // What an API transformer sees is Telegram's whole answer, `{ ok: true, result }`.
  if (typeof result === "object" && result !== null && (result as { ok?: unknown }).ok === true && "result" in result) {
    return { ok: true, result: replayable((result).result) };
  }
  if (isMessage(result)) return slim(result);
  if (Array.isArray(result) && result.every(isMessage)) return result.map(slim);
  return asJson(result);
}

function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** What the dispatcher hands the handler of one update. */
export interface UpdateScope {
  journal: UpdateJournal;
  /** Aborted at the handler's deadline. */
  signal: AbortSignal;
  /** The handler's deadline, milliseconds since the epoch: a call may wait for Telegram until then. */
  deadlineAt: number;
}

export const updateScope = new AsyncLocalStorage<UpdateScope>();
