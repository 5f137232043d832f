import type { Transaction } from "kysely";
import type { PlatformTables } from "../db/schema.ts";

/** Who is acting, and from where: the "who" and "from where" of every audit row. */
export interface Actor {
  botId: string;
  /** The person acting; null for the system and jobs. */
  personId: number | null;
  source: "bot" | "web" | "job" | "system";
  /** The client's address, for web requests. */
  ip?: string | null;
}

/** What a use case changed: the "which object" and "before/after" of its audit row. */
export interface AuditEntry {
  objectType: string;
  objectId: string | number;
  before?: unknown;
  after?: unknown;
}

export interface UseCaseOutcome<Result> {
  result: Result;
  /** Null only when the use case refused and changed nothing. */
  audit: AuditEntry | null;
}

/** A use case: one verb of the business, run inside the caller's transaction, audited. */
export interface UseCase<Tables, Input, Result> {
  (trx: Transaction<Tables>, actor: Actor, input: Input): Promise<Result>;
  /** The audit log's `action`, like `access.request.approve`. */
  readonly action: string;
}

const registry = new Map<string, UseCase<never, never, unknown>>();

/**
 * Defines a use case whose every successful run writes exactly one audit row in the same
 * transaction, so the log cannot miss a change or record one that rolled back.
 *
 * @example
 * export const approveRequest = defineUseCase("access.request.approve", async (trx, actor, input: { id: number }) => {
 *   ...
 *   return { result: request, audit: { objectType: "access_request", objectId: input.id, before, after } };
 * });
 */
export function defineUseCase<Tables, Input, Result>(
  action: string,
  run: (trx: Transaction<Tables>, actor: Actor, input: Input) => Promise<UseCaseOutcome<Result>>,
): UseCase<Tables, Input, Result> {
  const useCase = async (trx: Transaction<Tables>, actor: Actor, input: Input): Promise<Result> => {
    const { result, audit } = await run(trx, actor, input);
    if (audit !== null) await writeAudit(trx as unknown as Transaction<PlatformTables>, action, actor, audit);
    return result;
  };
  const defined = Object.assign(useCase, { action });
  registry.set(action, defined as unknown as UseCase<never, never, unknown>);
  return defined;
}

/** Every use case defined so far (by the modules imported), by action. */
export function registeredUseCases(): ReadonlyMap<string, UseCase<never, never, unknown>> {
  return registry;
}

/** Writes one audit row in `trx`: the one writer behind use cases and commands. */
export async function writeAudit(trx: Transaction<PlatformTables>, action: string, actor: Actor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      bot_id: actor.botId,
      actor_id: actor.personId,
      source: actor.source,
      action,
      object_type: entry.objectType,
      object_id: String(entry.objectId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: actor.ip ?? null,
    })
    .execute();
}
