import { setTimeout as sleep } from "node:timers/promises";
import { sql, type Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import { MAX_EVENT_ATTEMPTS } from "../jobs/scheduled-events.ts";
import type { Logger } from "../log.ts";
import { menuFingerprintOf } from "../telegram/command-menus.ts";

/** What one look at the database found waiting, for every part that would otherwise poll on its own. */
export interface PulseReading {
  /** The earliest scheduled event not done yet (due or not). */
  nextEventAt: Date | undefined;
  /** The earliest `not_before` of the outbox rows still to send for this process's bots. */
  nextOutboxAt: Date | undefined;
  /** Some update of this process's bots is stored and not finished (perhaps stored by another replica). */
  inboxWaiting: boolean;
  /** Each bot's settings version and command-menu fingerprint. */
  bots: ReadonlyMap<string, { version: number; menus: string }>;
  /** pg-boss queues with a job ready to run now. */
  readyQueues: readonly string[];
}

interface PulseRow {
  next_event: Date | string | null;
  next_outbox: Date | string | null;
  inbox_waiting: boolean;
  bots: { id: string; version: number; roles: number; latest: string | null }[] | string;
  ready_queues: string[] | null;
}

const dateOf = (value: Date | string | null): Date | undefined => (value === null ? undefined : new Date(value));

/**
 * Reads in one statement what the event tick, the outbox sender, the settings and menu followers,
 * the dispatcher and the job workers each used to poll for on a timer of their own.
 */
export async function readPulse(db: Kysely<PlatformTables>, botIds: readonly string[]): Promise<PulseReading> {
  const bots = botIds.length === 0 ? sql`null` : sql.join(botIds.map((id) => sql`${id}`));
  const { rows } = await sql<PulseRow>`
    select
      (select min(due_at) from scheduled_event where done_at is null and attempts < ${MAX_EVENT_ATTEMPTS}) as next_event,
      (select min(not_before) from outbox where bot_id in (${bots}) and status in ('pending', 'sending')) as next_outbox,
      exists (select 1 from inbox where bot_id in (${bots}) and status in ('pending', 'handling')) as inbox_waiting,
      (select coalesce(json_agg(json_build_object(
          'id', bot.id,
          'version', bot.version,
          'roles', (select count(*)::int from role where role.bot_id = bot.id),
          'latest', (select max(granted_at) from role where role.bot_id = bot.id))), '[]'::json)
        from bot) as bots,
      (select array_agg(distinct name) from pgboss.job where state < 'active' and start_after <= now()) as ready_queues
  `.execute(db);
  const row = rows[0];
  if (row === undefined) throw new Error("the pulse read no row");
  const botRows = typeof row.bots === "string" ? (JSON.parse(row.bots) as Exclude<PulseRow["bots"], string>) : row.bots;
  return {
    nextEventAt: dateOf(row.next_event),
    nextOutboxAt: dateOf(row.next_outbox),
    inboxWaiting: row.inbox_waiting,
    bots: new Map(botRows.map((bot) => [bot.id, { version: bot.version, menus: menuFingerprintOf(bot) }])),
    readyQueues: row.ready_queues ?? [],
  };
}

/**
 * One timer for the whole process: every `intervalMs` it reads the pulse and hands the reading to
 * each listener, which wakes its part only when there is something for it. A failed read or
 * listener is logged and the next beat goes on.
 */
export async function runPulse(options: {
  intervalMs: number;
  signal: AbortSignal;
  read: () => Promise<PulseReading>;
  listeners: readonly ((reading: PulseReading) => Promise<unknown> | void)[];
  logger: Logger;
}): Promise<void> {
  const { signal, logger } = options;
  while (!signal.aborted) {
    try {
      const reading = await options.read();
      for (const listener of options.listeners) {
        try {
          await listener(reading);
        } catch (error) {
          logger.error({ err: error }, "work woken by the pulse failed");
        }
      }
    } catch (error) {
      logger.error({ err: error }, "the pulse could not read the database");
    }
    await sleep(options.intervalMs, undefined, { signal }).catch(() => undefined);
  }
}
