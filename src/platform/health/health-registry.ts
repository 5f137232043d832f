import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Translator } from "../i18n/translator.ts";
import { redactSecrets, type Logger } from "../log.ts";
import { tellOwners, type IncidentToTell } from "./incident-notice.ts";
import { PROBLEM_POLICIES, botOf, persisted, problemKey, type Problem, type ProblemKind, type ProblemPolicy } from "./problem.ts";

/**
 * How a part of the app says it is unwell, and well again. Both calls are safe on any path
 * (they never reject; a report that cannot be written is logged) and cheap when nothing fails.
 */
export interface HealthReporter {
  /** The part failed at `problem` once more; `detail` says why (secrets are removed before it is stored or sent). */
  failing(problem: Problem, detail: string): Promise<void>;
  /** The part works again: an open incident is closed (owners told), a streak too short to be one is forgotten. */
  recovered(problem: Problem): Promise<void>;
}

/** An incident owners were told of and nobody has reported recovered. */
export interface OpenIncident {
  problem: string;
  kind: ProblemKind;
  botId: string | null;
  detail: string;
  /** When it was opened (ISO 8601). */
  since: string;
}

export interface HealthRegistryDeps {
  database: Database;
  translator: Translator;
  /** The bots of this deployment, in order: whose owners are told. */
  botIds: readonly string[];
  logger: Logger;
  clock?: { now(): Date };
  /** How long what this process knows of unclosed streaks is trusted before reading them again (default 10 s). */
  resyncMs?: number;
}

/** A detail is a line for a person, not a log. */
const DETAIL_MAX = 300;
const RESYNC_MS = 10_000;
/** A failure this long after the previous one starts a new streak. */
const STREAK_GAP_MS = 5 * 60_000;

/**
 * The app's health: parts report failures and recoveries; a problem whose failures persist (see
 * `PROBLEM_POLICIES`) becomes an incident, and the owners are told once when it opens and once
 * when it recovers, never for each failure. Incidents live in the database (`health_incident`),
 * opened and closed in the transaction that queues the owners' notices through the outbox, so
 * replicas agree, a restart does not alert again, and the leader's sender delivers them.
 */
export class HealthRegistry implements HealthReporter {
  readonly #deps: HealthRegistryDeps;
  readonly #clock: { now(): Date };
  /** Keys with an unclosed row, as this process last knew: a recovery elsewhere is a no-op without a query. */
  #unclosed = new Set<string>();
  #syncedAt = Number.NEGATIVE_INFINITY;
  /** One report at a time per problem, in the order they came. */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(deps: HealthRegistryDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? { now: () => new Date() };
  }

  failing(problem: Problem, detail: string): Promise<void> {
    const key = problemKey(problem);
    this.#unclosed.add(key);
    return this.#inTurn(key, () => this.#recordFailure(problem, key, redactSecrets(detail).slice(0, DETAIL_MAX)));
  }

  async recovered(problem: Problem): Promise<void> {
    const key = problemKey(problem);
    if (this.#clock.now().getTime() - this.#syncedAt >= (this.#deps.resyncMs ?? RESYNC_MS)) await this.#resync();
    if (!this.#unclosed.has(key)) return;
    this.#unclosed.delete(key);
    return this.#inTurn(key, () => this.#recordRecovery(problem, key));
  }

  /** Every open incident, oldest first. */
  async openIncidents(): Promise<OpenIncident[]> {
    const rows = await this.#deps.database.db
      .selectFrom("health_incident")
      .select(["problem", "kind", "bot_id", "detail", "opened_at"])
      .where("recovered_at", "is", null)
      .where("opened_at", "is not", null)
      .orderBy("opened_at")
      .execute();
    return rows.map((row) => ({ problem: row.problem, kind: row.kind as ProblemKind, botId: row.bot_id, detail: row.detail, since: new Date(row.opened_at ?? 0).toISOString() }));
  }

  /** Open incidents that stop the bot from serving (intake stuck): /readyz is "not ready" while there is one. */
  async blockingIncidents(): Promise<OpenIncident[]> {
    return (await this.openIncidents()).filter((incident) => (PROBLEM_POLICIES[incident.kind] as ProblemPolicy | undefined)?.blocksServing === true);
  }

  #inTurn(key: string, report: () => Promise<void>): Promise<void> {
    const next = (this.#queues.get(key) ?? Promise.resolve())
      .then(report)
      .catch((error: unknown) => this.#deps.logger.warn({ err: error, problem: key }, "a health report could not be recorded"));
    this.#queues.set(key, next);
    void next.finally(() => {
      if (this.#queues.get(key) === next) this.#queues.delete(key);
    });
    return next;
  }

  async #resync(): Promise<void> {
    this.#syncedAt = this.#clock.now().getTime();
    try {
      const rows = await this.#deps.database.db.selectFrom("health_incident").select("problem").where("recovered_at", "is", null).execute();
      // Reports still being written count too: their rows may not be there yet.
      this.#unclosed = new Set([...rows.map((row) => row.problem), ...this.#queues.keys()]);
    } catch (error) {
      this.#deps.logger.warn({ err: error }, "unclosed health incidents could not be read");
    }
  }

  async #recordFailure(problem: Problem, key: string, detail: string): Promise<void> {
    const now = this.#clock.now();
    const policy = PROBLEM_POLICIES[problem.kind];
    const gapStart = new Date(now.getTime() - STREAK_GAP_MS);
    const opened = await this.#deps.database.transaction(async (trx) => {
      const streak = await trx
        .insertInto("health_incident")
        .values({ problem: key, kind: problem.kind, bot_id: botOf(problem) ?? null, detail, first_failed_at: now, last_failed_at: now })
        .onConflict((conflict) =>
          conflict
            .column("problem")
            .where("recovered_at", "is", null)
            .doUpdateSet({
              // A failure long after the previous one starts a new streak rather than completing an old one.
              failures: sql<number>`case when health_incident.last_failed_at < ${gapStart} then 1 else health_incident.failures + 1 end`,
              first_failed_at: sql<Date>`case when health_incident.last_failed_at < ${gapStart} then ${now} else health_incident.first_failed_at end`,
              last_failed_at: now,
              detail,
            }),
        )
        .returning(["id", "failures", "first_failed_at", "opened_at"])
        .executeTakeFirstOrThrow();
      if (streak.opened_at !== null || !persisted(policy, streak.failures, new Date(streak.first_failed_at), now)) return false;
      await trx.updateTable("health_incident").set({ opened_at: now }).where("id", "=", streak.id).execute();
      await tellOwners(trx, this.#deps, this.#toTell(problem, Number(streak.id), detail), "opened");
      return true;
    });
    if (opened) this.#deps.logger.error({ problem: key, detail }, "health incident opened; the owners are told");
  }

  async #recordRecovery(problem: Problem, key: string): Promise<void> {
    const now = this.#clock.now();
    const closed = await this.#deps.database.transaction(async (trx) => {
      const row = await trx
        .selectFrom("health_incident")
        .select(["id", "detail", "opened_at"])
        .where("problem", "=", key)
        .where("recovered_at", "is", null)
        .forUpdate()
        .executeTakeFirst();
      if (row === undefined) return false;
      if (row.opened_at === null) {
        // A streak too short to be an incident: nobody was told, so nobody is told it ended.
        await trx.deleteFrom("health_incident").where("id", "=", row.id).execute();
        return false;
      }
      await trx.updateTable("health_incident").set({ recovered_at: now }).where("id", "=", row.id).execute();
      await tellOwners(trx, this.#deps, this.#toTell(problem, Number(row.id), row.detail), "recovered");
      return true;
    });
    if (closed) this.#deps.logger.info({ problem: key }, "health incident recovered; the owners are told");
  }

  #toTell(problem: Problem, id: number, detail: string): IncidentToTell {
    return { id, kind: problem.kind, botId: botOf(problem) ?? null, detail, ...(problem.kind === "dead-letter" ? { queue: problem.queue } : {}) };
  }
}
