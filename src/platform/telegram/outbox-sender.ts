import { GrammyError, HttpError } from "grammy";
import type { Transaction } from "kysely";
import { crashPoint } from "../crash-points.ts";
import { attachStoredFile, type AttachedFile } from "../files/attach-stored-file.ts";
import { mentionsThread, recordThreadOpened, resolveThread } from "../work-groups/outbox-threads.ts";
import type { Database } from "../db/database.ts";
import type { HealthReporter } from "../health/health-registry.ts";
import type { OutboxStatus, PlatformTables } from "../db/schema.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import { RateLimiter, type RateLimits } from "./rate-limiter.ts";

/** Makes one Bot API call; rejects with grammY's GrammyError (Telegram said no) or HttpError (network). */
export type CallApi = (botId: string, method: string, payload: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>;

export interface OutboxSenderDeps {
  database: Database;
  /** The bots this sender sends for; each has its own limits. */
  botIds: readonly string[];
  callApi: CallApi;
  limits?: Partial<RateLimits>;
  /** Milliseconds since the epoch; the sender's only source of "now" (not_before, sent_at, limits). */
  clock?: { now(): number };
  logger: Logger;
  metrics: Pick<Metrics, "apiCalls" | "tooManyRequests" | "repeatedMessages" | "outboxDepth">;
  /** Called in the transaction that marks a row blocked after a 403. Default: bot_member.blocked_at = now. */
  onBlocked?: (trx: Transaction<PlatformTables>, botId: string, chatId: number) => Promise<void>;
  /** Told when Telegram keeps refusing a bot's calls (5xx, network, 401) and when it answers again. */
  health?: HealthReporter;
  /** Calls in flight at once, all bots together (default 30). */
  maxInFlight?: number;
  /** Attempts before a message that keeps meeting 5xx or network errors is marked failed (default 8). */
  maxAttempts?: number;
  /** How often the loop looks for rows other replicas wrote, when nothing wakes it (default 1000 ms). */
  pollIntervalMs?: number;
  /** Due rows read per pass (default 200). */
  batchSize?: number;
  /** How long stop() lets calls in flight finish before aborting them (default 1000 ms). */
  stopGraceMs?: number;
}

export interface OutboxSender {
  /** Starts the loop (the leader only). */
  start(): void;
  /** Stops taking rows; resolves once calls in flight have finished or been aborted. */
  stop(): Promise<void>;
  /** New rows were queued: look now instead of at the next poll. */
  wake(): void;
  /** One pass, awaited to the end of its calls (tests): how many rows it acted on. */
  sendDue(): Promise<number>;
}

/** A chat's first unfinished row, as a pass picks it: without its payload, read only when it is sent. */
interface DueRow {
  id: number;
  bot_id: string;
  chat_id: number;
  status: OutboxStatus;
  attempts: number;
}

/** A row being sent: marked `sending`, with the call it makes. */
interface SendingRow extends DueRow {
  method: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** Bot API errors that are the message's fault: retrying the same payload cannot help. */
const NOT_MODIFIED = /message is not modified/i;

/** The message_id a Bot API result carries, if any (Message, MessageId, or the first of an album). */
function messageIdOf(result: unknown): number | null {
  const first: unknown = Array.isArray(result) ? result[0] : result;
  if (typeof first === "object" && first !== null && "message_id" in first && typeof first.message_id === "number") return first.message_id;
  return null;
}

function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

async function markMemberBlocked(trx: Transaction<PlatformTables>, botId: string, chatId: number, at: Date): Promise<void> {
  await trx.updateTable("bot_member").set({ blocked_at: at }).where("bot_id", "=", botId).where("telegram_id", "=", chatId).execute();
}

/**
 * Sends outbox rows: per chat in id order (a chat's next row waits until the earlier one is
 * sent, failed or blocked), within Telegram's limits, and records what happened. Only the leader
 * runs one, so the in-memory limits hold for the whole deployment.
 *
 * Crash safety: a row is marked `sending` before the call and `sent` after Telegram's 200. A row
 * found `sending` when taken again was interrupted between the two; it is sent again (Telegram
 * has no idempotency key) and counted in `botyard_messages_possibly_repeated_total`.
 */
export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const { database, logger, metrics, callApi } = deps;
  const db = database.db;
  const clock = deps.clock ?? { now: () => Date.now() };
  const maxInFlight = deps.maxInFlight ?? 30;
  const maxAttempts = deps.maxAttempts ?? 8;
  const pollIntervalMs = deps.pollIntervalMs ?? 1_000;
  const batchSize = deps.batchSize ?? 200;
  const stopGraceMs = deps.stopGraceMs ?? 1_000;
  const onBlocked =
    deps.onBlocked ?? ((trx: Transaction<PlatformTables>, botId: string, chatId: number) => markMemberBlocked(trx, botId, chatId, new Date(clock.now())));

  const limiters = new Map<string, RateLimiter>(deps.botIds.map((botId) => [botId, new RateLimiter(deps.limits, () => clock.now())]));
  const limiterOf = (botId: string): RateLimiter => {
    const limiter = limiters.get(botId);
    if (limiter === undefined) throw new Error(`the outbox sender does not send for bot ${botId}`);
    return limiter;
  };
  /** `bot:chat` of the chats with a call in flight: their next row waits for it. */
  const busyChats = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let abortCalls = new AbortController();

  let loop: Promise<void> | undefined;
  let stopping = false;
  let woken = false;
  let wakeUp: (() => void) | undefined;

  /**
   * Due rows the last look at the queue found and no call has started for yet, most urgent first.
   * Calls start from here as the limits free up; the queue is read again only when they run out,
   * rows were queued, or at `lookAgainAt`, so a long queue is not re-read for every call.
   */
  let picked: DueRow[] = [];
  let lookAgainAt = Number.NEGATIVE_INFINITY;
  /** Rows were queued since the last look: they may be more urgent than those picked. */
  let queued = true;

  const wakeLoop = (): void => {
    woken = true;
    wakeUp?.();
  };
  const wake = (): void => {
    queued = true;
    wakeLoop();
  };

  /** Marks one row and everything still queued after it for that chat blocked. */
  async function blockChat(botId: string, chatId: number, error: string, callHook: boolean): Promise<void> {
    await database.transaction(async (trx) => {
      await trx
        .updateTable("outbox")
        .set({ status: "blocked", error })
        .where("bot_id", "=", botId)
        .where("chat_id", "=", chatId)
        .where("status", "in", ["pending", "sending"])
        .execute();
      if (callHook) await onBlocked(trx, botId, chatId);
    });
  }

  async function finish(
    row: DueRow,
    set: { status: OutboxStatus; error: string | null; message_id?: number | null; not_before?: Date; attempts?: number },
    trx: Transaction<PlatformTables> | typeof db = db,
  ) {
    await trx
      .updateTable("outbox")
      .set({ ...set, ...(set.status === "sent" ? { sent_at: new Date(clock.now()) } : {}) })
      .where("id", "=", row.id)
      .execute();
  }

  /**
   * One call for one row, and its outcome recorded. Never rejects. The limiter place `pass` held
   * for the row counts until Telegram answers and a window after that (Telegram counts the call
   * somewhere in between), or is released when no call is made.
   */
  async function send(row: DueRow): Promise<void> {
    const limiter = limiterOf(row.bot_id);
    let counted = false;
    try {
      await sendWith(row, () => {
        counted = true;
        limiter.answered(row.chat_id);
      });
    } finally {
      if (!counted) limiter.release(row.chat_id);
    }
  }

  async function sendWith(due: DueRow, answered: () => void): Promise<void> {
    const attempts = due.attempts + 1;
    const marked = await db
      .updateTable("outbox")
      .set({ status: "sending", attempts })
      .where("id", "=", due.id)
      .where("status", "=", due.status)
      .returning(["method", "payload", "dedupe_key"])
      .executeTakeFirst();
    if (marked === undefined) return; // changed since it was read: the next pass sees it
    const row: SendingRow = { ...due, ...marked };
    if (row.status === "sending") {
      metrics.repeatedMessages.inc({ source: "outbox" });
      logger.warn({ outboxId: row.id, botId: row.bot_id, chatId: row.chat_id }, "outbox message was interrupted after its call; sending it again");
    }

    let payload: Record<string, unknown>;
    let opensThread = false;
    try {
      payload = await withMessageIds(row);
      // A call into a subject's thread learns the thread's address only now (work-groups/).
      if (mentionsThread(payload)) ({ payload, opensThread } = await resolveThread(db, row.bot_id, payload));
    } catch (error) {
      logger.warn({ outboxId: row.id, err: error }, "an outbox call has no message or thread to address");
      await finish(row, { status: "failed", error: error instanceof Error ? error.message : String(error) });
      return;
    }
    let file: AttachedFile | undefined;
    try {
      file = await attachStoredFile(db, row.bot_id, row.method, payload);
    } catch (error) {
      logger.warn({ outboxId: row.id, err: error }, "an outbox file message cannot send its file");
      await finish(row, { status: "failed", error: error instanceof Error ? error.message : String(error) });
      return;
    }
    let result: unknown;
    try {
      result = await callApi(row.bot_id, row.method, file?.payload ?? payload, abortCalls.signal);
    } catch (error) {
      answered();
      await failed(row, attempts, error);
      return;
    }
    answered();
    metrics.apiCalls.inc({ method: row.method, code: "200" });
    crashPoint("after-telegram-200");
    if (opensThread) {
      await database.transaction(async (trx) => {
        await finish(row, { status: "sent", error: null, message_id: messageIdOf(result) }, trx);
        await recordThreadOpened(trx, row.bot_id, row.dedupe_key, result);
      });
    } else {
      await finish(row, { status: "sent", error: null, message_id: messageIdOf(result) });
    }
    // Later sends of the file reuse the id Telegram gave it; without it they upload again.
    await file?.sent(result).catch((error: unknown) => logger.warn({ outboxId: row.id, err: error }, "the Telegram file id of a sent file was not recorded"));
    await deps.health?.recovered({ kind: "telegram", botId: row.bot_id });
  }

  /**
   * Fills `message_id` of an edit queued before the message it edits was sent: the payload
   * names that message's outbox row (`message_id_of: <dedupe key>`), sent earlier in this chat.
   */
  async function withMessageIds(row: SendingRow): Promise<Record<string, unknown>> {
    const { message_id_of: source, ...payload } = row.payload;
    if (typeof source !== "string") return row.payload;
    const sent = await db
      .selectFrom("outbox")
      .select("message_id")
      .where("bot_id", "=", row.bot_id)
      .where("dedupe_key", "=", source)
      .where("status", "=", "sent")
      .executeTakeFirst();
    if (sent?.message_id == null) throw new Error(`message ${source} was never sent`);
    return { ...payload, message_id: sent.message_id };
  }

  async function failed(row: SendingRow, attempts: number, error: unknown): Promise<void> {
    const now = clock.now();
    const context = { outboxId: row.id, botId: row.bot_id, chatId: row.chat_id, method: row.method, attempts };
    if (abortCalls.signal.aborted) {
      // Stopped mid-call: Telegram may or may not have sent it. The row stays `sending`, so the
      // next leader sends it again and counts it as possibly repeated.
      metrics.apiCalls.inc({ method: row.method, code: "aborted" });
      return;
    }
    if (error instanceof GrammyError) {
      const code = error.error_code;
      metrics.apiCalls.inc({ method: row.method, code: String(code) });
      // Telegram looked at the call and answered about the message: it is serving this bot.
      if (code !== 401 && code < 500 && code !== 429) await deps.health?.recovered({ kind: "telegram", botId: row.bot_id });
      if (code === 429) {
        metrics.tooManyRequests.inc();
        const retryAfter = error.parameters.retry_after ?? 1;
        const scope = limiterOf(row.bot_id).tooManyRequests(row.chat_id, retryAfter);
        logger.warn({ ...context, retryAfter, scope }, "Telegram said 429; waiting");
        // Telegram refused to look at it: the attempt is given back, a 429 never fails a message.
        await finish(row, { status: "pending", error: error.description, attempts: attempts - 1, not_before: new Date(now + retryAfter * 1_000) });
        return;
      }
      if (code === 400 && NOT_MODIFIED.test(error.description)) {
        const edited = row.payload.message_id;
        await finish(row, { status: "sent", error: null, message_id: typeof edited === "number" ? edited : null });
        return;
      }
      if (code === 403) {
        logger.info({ ...context, description: error.description }, "the chat blocked the bot; skipping it from now on");
        await blockChat(row.bot_id, row.chat_id, error.description, true);
        return;
      }
      // 401 (token revoked) and 5xx are not the message's fault; every other 4xx is.
      if (code !== 401 && code < 500) {
        logger.error({ ...context, description: error.description }, "Telegram rejected an outbox message");
        await finish(row, { status: "failed", error: error.description });
        return;
      }
    } else {
      metrics.apiCalls.inc({ method: row.method, code: error instanceof HttpError ? "network" : "error" });
    }
    const description = error instanceof Error ? error.message : String(error);
    await deps.health?.failing({ kind: "telegram", botId: row.bot_id }, description);
    if (attempts >= maxAttempts) {
      logger.error({ ...context, err: error }, "outbox message failed after its last attempt");
      await finish(row, { status: "failed", error: description });
      return;
    }
    logger.warn({ ...context, err: error }, "outbox call failed; retrying later");
    await finish(row, { status: "pending", error: description, not_before: new Date(now + backoffMs(attempts)) });
  }

  /**
   * The first unfinished row of every chat, when it is due, most urgent first; rows of chats with
   * a call in flight are left out. Payloads are read only for the rows sent (see `send`).
   */
  async function dueRows(now: Date): Promise<DueRow[]> {
    const rows = await db
      .selectFrom((eb) =>
        eb
          .selectFrom("outbox")
          .distinctOn(["bot_id", "chat_id"])
          .select(["id", "bot_id", "chat_id", "status", "attempts", "not_before", "priority"])
          .where("bot_id", "in", [...deps.botIds])
          .where("status", "in", ["pending", "sending"])
          .orderBy("bot_id")
          .orderBy("chat_id")
          .orderBy("id")
          .as("head"),
      )
      .select(["id", "bot_id", "chat_id", "status", "attempts"])
      .where("not_before", "<=", now)
      // Broadcasts (priority 1) wait behind conversation and staff notices.
      .orderBy("priority")
      .orderBy("id")
      .limit(batchSize + busyChats.size)
      .execute();
    return rows.filter((row) => !busyChats.has(`${row.bot_id}:${row.chat_id}`)).slice(0, batchSize);
  }

  /** Private chats among `rows` whose person has blocked the bot. */
  async function blockedChats(rows: DueRow[]): Promise<Set<string>> {
    const blocked = new Set<string>();
    const privateRows = rows.filter((row) => row.chat_id > 0);
    if (privateRows.length === 0) return blocked;
    const members = await db
      .selectFrom("bot_member")
      .select(["bot_id", "telegram_id"])
      .where("blocked_at", "is not", null)
      .where("bot_id", "in", [...new Set(privateRows.map((row) => row.bot_id))])
      .where("telegram_id", "in", [...new Set(privateRows.map((row) => row.chat_id))])
      .execute();
    for (const member of members) blocked.add(`${member.bot_id}:${member.telegram_id}`);
    return blocked;
  }

  /**
   * Reads the queue: the depth gauge, when the next row falls due, and the due rows to pick from.
   * Rows of people who blocked the bot are marked blocked here. Returns how many it marked.
   */
  async function look(now: number): Promise<number> {
    queued = false;
    picked = [];
    lookAgainAt = now + pollIntervalMs;
    const depth = await db
      .selectFrom("outbox")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("not_before").as("next")])
      .where("bot_id", "in", [...deps.botIds])
      .where("status", "in", ["pending", "sending"])
      .executeTakeFirstOrThrow();
    metrics.outboxDepth.set(Number(depth.n));
    if (Number(depth.n) === 0) return 0;
    const next = depth.next === null ? undefined : new Date(depth.next).getTime();
    if (next !== undefined && next > now) lookAgainAt = Math.min(lookAgainAt, next);

    const rows = await dueRows(new Date(now));
    const blocked = await blockedChats(rows);
    let marked = 0;
    for (const row of rows) {
      if (stopping) break;
      if (blocked.has(`${row.bot_id}:${row.chat_id}`)) {
        await blockChat(row.bot_id, row.chat_id, "blocked by the user", false);
        marked++;
      } else {
        picked.push(row);
      }
    }
    return marked;
  }

  /**
   * Starts a call for every picked row the limits allow, looking at the queue first when `fresh`
   * or when the picked rows may be out of date. Returns the calls started and when the next pass
   * could do more (a limit's next free slot, a row's not_before, or the poll interval).
   */
  async function pass(fresh: boolean): Promise<{ acted: number; calls: Promise<void>[]; nextAt: number }> {
    const now = clock.now();
    let acted = 0;
    if (fresh || queued || picked.length === 0 || now >= lookAgainAt) acted += await look(now);
    let nextAt = lookAgainAt;
    const calls: Promise<void>[] = [];
    const waiting: DueRow[] = [];
    for (const row of picked) {
      const chat = `${row.bot_id}:${row.chat_id}`;
      const limiter = limiterOf(row.bot_id);
      // Full up or busy: a finishing call wakes the loop.
      if (stopping || inFlight.size >= maxInFlight || busyChats.has(chat)) {
        waiting.push(row);
        continue;
      }
      if (!limiter.tryHold(row.chat_id)) {
        nextAt = Math.min(nextAt, now + limiter.waitMs(row.chat_id));
        waiting.push(row);
        continue;
      }
      busyChats.add(chat);
      const call = send(row)
        .catch((error: unknown) => logger.error({ err: error, outboxId: row.id }, "could not record an outbox call"))
        .finally(() => {
          busyChats.delete(chat);
          inFlight.delete(call);
          wakeLoop();
        });
      inFlight.add(call);
      calls.push(call);
      acted++;
    }
    picked = waiting;
    return { acted, calls, nextAt };
  }

  async function sleep(ms: number): Promise<void> {
    if (woken || stopping) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wakeUp = undefined;
  }

  async function run(): Promise<void> {
    while (!stopping) {
      woken = false;
      let delay = pollIntervalMs;
      try {
        const { acted, nextAt } = await pass(false);
        delay = Math.min(pollIntervalMs, Math.max(acted > 0 ? 0 : 10, nextAt - clock.now()));
      } catch (error) {
        logger.error({ err: error }, "outbox pass failed; trying again");
      }
      await sleep(delay);
    }
  }

  return {
    start() {
      if (loop !== undefined) return;
      stopping = false;
      queued = true;
      if (abortCalls.signal.aborted) abortCalls = new AbortController();
      loop = run();
    },
    async stop() {
      stopping = true;
      wake();
      await loop;
      loop = undefined;
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, stopGraceMs)));
        await Promise.race([Promise.all(inFlight), grace]);
        clearTimeout(timer);
        abortCalls.abort();
        await Promise.all(inFlight);
      }
    },
    wake,
    async sendDue() {
      const { acted, calls } = await pass(true);
      await Promise.all(calls);
      return acted;
    },
  };
}
