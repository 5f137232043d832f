import { requires } from "../../../platform/http/route-guard.ts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ApiContext } from "../../../platform/module.ts";
import { findAudit } from "../queries/audit-log.ts";
import type { AccessTables } from "../tables.ts";
import { parseInput, textFor } from "../../../platform/http/answers.ts";
import { csvDocument } from "../../../platform/http/csv.ts";
import { TABLE_CONTENT_TYPES } from "../../../platform/spreadsheets/table-format.ts";
import { writeTable } from "../../../platform/spreadsheets/write-table.ts";

/** Rows per page of the audit log in the panel. */
export const AUDIT_PAGE_SIZE = 50;
/** The most rows one export (CSV or XLSX) holds; narrow the filters for more. */
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

/** Empty query fields (a cleared filter in a form) mean "any". */
function presentFields(query: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== ""));
}

const EXPORT_HEADER = ["at", "actor_id", "actor_name", "source", "action", "object_type", "object_id", "before", "after", "ip"];

/** The audit log: a filtered page for the panel, and the same filters as a CSV or XLSX download. */
export function auditRoutes(app: FastifyInstance, context: ApiContext<AccessTables>): void {
  const db = context.database.db;
  const access = requires("audit.view").config.access;
  const unmetOwner = (request: FastifyRequest) => textFor(context.translator, request, "access-owner-unmet");

  app.get("/api/audit", { config: { access } }, async (request, reply) => {
    const filters = parseInput(context.translator, request, reply, filtersSchema, presentFields(request.query));
    if (filters === undefined) return reply;
    const rows = await findAudit(db, request.session!.botId, filters, AUDIT_PAGE_SIZE + 1, (filters.page - 1) * AUDIT_PAGE_SIZE, unmetOwner(request));
    return { entries: rows.slice(0, AUDIT_PAGE_SIZE), page: filters.page, hasMore: rows.length > AUDIT_PAGE_SIZE };
  });

  app.get("/api/audit.csv", { config: { access } }, async (request, reply) => {
    const filters = parseInput(context.translator, request, reply, filtersSchema, presentFields(request.query));
    if (filters === undefined) return reply;
    const rows = await findAudit(db, request.session!.botId, filters, AUDIT_EXPORT_LIMIT, 0, unmetOwner(request));
    const body = csvDocument(
      EXPORT_HEADER,
      rows.map((row) => [row.at, row.actorId, row.actorName, row.source, row.action, row.objectType, row.objectId, row.before, row.after, row.ip]),
    );
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="audit-${context.clock.now().toISOString().slice(0, 10)}.csv"`)
      .send(body);
  });

  app.get("/api/audit.xlsx", { config: { access } }, async (request, reply) => {
    const filters = parseInput(context.translator, request, reply, filtersSchema, presentFields(request.query));
    if (filters === undefined) return reply;
    const rows = await findAudit(db, request.session!.botId, filters, AUDIT_EXPORT_LIMIT, 0, unmetOwner(request));
    const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
    const table = writeTable("xlsx", {
      sheet: "Audit log",
      header: EXPORT_HEADER,
      rows: rows.map((row) => [new Date(row.at), row.actorId, row.actorName, row.source, row.action, row.objectType, row.objectId, json(row.before), json(row.after), row.ip]),
    });
    return reply
      .type(TABLE_CONTENT_TYPES.xlsx)
      .header("content-disposition", `attachment; filename="audit-${context.clock.now().toISOString().slice(0, 10)}.xlsx"`)
      .send(table);
  });
}
