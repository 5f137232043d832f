import { requires } from "../../../platform/http/route-guard.ts";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { PlatformTables } from "../../../platform/db/schema.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { addresseesOf } from "../repo.ts";
import { parseInput } from "../../../platform/http/answers.ts";
import { csvDocument } from "../../../platform/http/csv.ts";

/** Rows per page of the audit log in the panel. */
export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds; narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 50_000;

const filtersSchema = z.object({
  actor: z.coerce.number().int().optional(),
  action: z.string().trim().max(100).optional(),
  objectType: z.string().trim().max(100).optional(),
  objectId: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
type AuditFilters = z.infer<typeof filtersSchema>;

/** Empty query fields (a cleared filter in a form) mean "any". */
function presentFields(query: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== ""));
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

async function findAudit(db: Kysely<PlatformTables>, botId: string, filters: AuditFilters, limit: number, offset: number): Promise<AuditListing[]> {
  let query = db.selectFrom("audit_log").selectAll().where("bot_id", "=", botId);
  if (filters.actor !== undefined) query = query.where("actor_id", "=", filters.actor);
  // An action filter matches a whole action or a prefix of dotted parts: "access" or "access.request".
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
  const people = await addresseesOf(db, botId, actorIds);
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorName: people.find((person) => person.telegramId === row.actor_id)?.name ?? null,
    source: row.source,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    before: row.before,
    after: row.after,
    ip: row.ip,
  }));
}

/** The audit log: a filtered page for the panel, and the same filters as a CSV download. */
export function auditRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db;
  const access = requires("audit.view").config.access;

  app.get("/api/audit", { config: { access } }, async (request, reply) => {
    const filters = parseInput(context.translator, request, reply, filtersSchema, presentFields(request.query));
    if (filters === undefined) return reply;
    const rows = await findAudit(db, request.session!.botId, filters, AUDIT_PAGE_SIZE + 1, (filters.page - 1) * AUDIT_PAGE_SIZE);
    return { entries: rows.slice(0, AUDIT_PAGE_SIZE), page: filters.page, hasMore: rows.length > AUDIT_PAGE_SIZE };
  });

  app.get("/api/audit.csv", { config: { access } }, async (request, reply) => {
    const filters = parseInput(context.translator, request, reply, filtersSchema, presentFields(request.query));
    if (filters === undefined) return reply;
    const rows = await findAudit(db, request.session!.botId, filters, AUDIT_EXPORT_LIMIT, 0);
    const header = ["at", "actor_id", "actor_name", "source", "action", "object_type", "object_id", "before", "after", "ip"];
    const body = csvDocument(
      header,
      rows.map((row) => [row.at, row.actorId, row.actorName, row.source, row.action, row.objectType, row.objectId, row.before, row.after, row.ip]),
    );
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
      .send(body);
  });
}
