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
 * crash in between) can repeat: the one in-flight message. A call is recorded as started before
 * it is made, so the replay knows when it repeats one, and says so (`onRepeat`).
 *
 * Every record is fenced by the attempt number: once the dispatcher has moved on (deadline) or
 * another worker has started a newer attempt, the write fails and its transaction rolls back.
 */
export class UpdateJournal {
  readonly #database: Database;
  readonly #steps: JournalStep[];
  #next = 0;
  readonly botId: string;
  readonly updateId: number;
  readonly attempt: number;
  readonly #onRepeat: (method: string) => void;

  constructor(database: Database, botId: string, updateId: number, attempt: number, steps: JournalStep[], onRepeat: (method: string) => void = () => undefined) {
    this.#database = database;
    this.#onRepeat = onRepeat;
    this.botId = botId;
    this.updateId = updateId;
    this.attempt = attempt;
    this.#steps = [...steps];
  }

  /**
   * Runs `work` in one transaction and records its result with it; on a replay returns the
   * recorded result. Results are JSON: the first run returns the same JSON a replay would.
   */
  async commit<T>(name: string, work: (trx: Transaction<PlatformTables>) => Promise<T>): Promise<Jsonified<T>> {
    const recorded = this.#take("commit", name);
    if (recorded !== undefined) return recorded.result as Jsonified<T>;
    const index = this.#next - 1;
    return this.#database.transaction(async (trx) => {
      const result = asJson(await work(trx));
      await this.#record(trx, index, { kind: "commit", name, result });
      return result as Jsonified<T>;
    });
  }

  /**
   * Makes a Bot API call once across attempts. A call an earlier attempt started and never
   * recorded the answer of is made again and reported to `onRepeat`: it may have been sent.
   */
  async api<T>(method: string, call: () => Promise<T>): Promise<T> {
    const recorded = this.#take("api", method);
    if (recorded !== undefined && recorded.call === undefined) return recorded.result as T;
    const index = this.#next - 1;
    if (recorded?.call === "started") this.#onRepeat(method);
    // Fenced like every record: an abandoned handler does not even start its call.
    await this.#record(this.#database.db, index, { kind: "api", name: method, result: null, call: "started" });
    let result: T;
    try {
      result = await call();
    } catch (error) {
      await this.#record(this.#database.db, index, { kind: "api", name: method, result: null, call: "failed" }).catch(() => undefined);
      throw error;
    }
    crashPoint("reply-after-telegram-200");
    await this.#record(this.#database.db, index, { kind: "api", name: method, result: asJson(result) });
    return result;
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

function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** What the dispatcher hands the handler of one update. */
export interface UpdateScope {
  journal: UpdateJournal;
  signal: AbortSignal;
}

export const updateScope = new AsyncLocalStorage<UpdateScope>();
