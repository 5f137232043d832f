import { displayName, holdersOf } from "./people.ts";
import type { Reads } from "./reads.ts";

/** What the panel filters the audit log by; an unset filter means "any". */
export interface AuditFilters {
  actor?: number | undefined;
  /** A whole action or a prefix of dotted parts: "access" or "access.request". */
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** An audit row as the panel and the export show it. */
export interface AuditListing {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  source: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/**
 * A bot's audit rows matching `filters`, newest first, with each actor's name: an owner
 * configured by id whom the bot never met is `unmetOwner`, as on the People page.
 */
export async function findAudit(db: Reads, botId: string, filters: AuditFilters, limit: number, offset: number, unmetOwner: string): Promise<AuditListing[]> {
  let query = db.selectFrom("audit_log").selectAll().where("bot_id", "=", botId);
  if (filters.actor !== undefined) query = query.where("actor_id", "=", filters.actor);
  if (filters.action !== undefined && filters.action !== "") {
    const action = filters.action;
    query = query.where((eb) => eb.or([eb("action", "=", action), eb("action", "like", `${action.replace(/[\\%_]/g, "\\$&")}.%`)]));
  }
  if (filters.objectType !== undefined && filters.objectType !== "") query = query.where("object_type", "=", filters.objectType);
  if (filters.objectId !== undefined && filters.objectId !== "") query = query.where("object_id", "=", filters.objectId);
  if (filters.from !== undefined) query = query.where("at", ">=", filters.from);
  if (filters.to !== undefined) query = query.where("at", "<=", filters.to);
  const rows = await query.orderBy("at", "desc").orderBy("id", "desc").limit(limit).offset(offset).execute();
  const actorIds = [...new Set(rows.map((row) => row.actor_id).filter((id) => id !== null))];
  const met = actorIds.length === 0 ? [] : await db.selectFrom("person").select(["telegram_id", "first_name", "last_name", "username"]).where("telegram_id", "in", actorIds).execute();
  const owners = await holdersOf(db, botId, ["owner"]);
  const nameOf = (actorId: number | null) => {
    if (actorId === null) return null;
    const person = met.find((candidate) => candidate.telegram_id === actorId);
    if (person !== undefined) return displayName(person);
    return owners.includes(actorId) ? unmetOwner : null;
  };
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorName: nameOf(row.actor_id),
    source: row.source,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    before: row.before,
    after: row.after,
    ip: row.ip,
  }));
}
