import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { approveAccessRequest, postponeAccessRequest, rejectAccessRequest } from "../service.ts";
import { addresseesOf, type Tables } from "../repo.ts";
import { parseInput } from "../../../platform/http/answers.ts";
import { answerOutcome } from "./refusals.ts";

const statusSchema = z.object({ status: z.enum(["open", "pending", "postponed", "approved", "rejected"]).default("open") });
const idSchema = z.object({ id: z.coerce.number().int().positive() });

/** Access requests: listed by status, approved with a role, rejected with a reason, postponed. */
export function requestRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as Kysely<Tables>;
  const manage = requires("people.manage").config.access;

  app.get("/api/access-requests", requires("people.view"), async (request, reply) => {
    const query = parseInput(context.translator, request, reply, statusSchema, request.query);
    if (query === undefined) return reply;
    const botId = request.session!.botId;
    const statuses = query.status === "open" ? (["pending", "postponed"] as const) : ([query.status] as const);
    const rows = await db
      .selectFrom("access_request")
      .selectAll()
      .where("bot_id", "=", botId)
      .where("status", "in", [...statuses])
      .orderBy("created_at", query.status === "open" ? "asc" : "desc")
      .orderBy("id")
      .limit(500)
      .execute();
    const people = await addresseesOf(db, botId, [...new Set(rows.flatMap((row) => [row.telegram_id, ...(row.decided_by === null ? [] : [row.decided_by])]))]);
    const nameOf = (id: number | null) => (id === null ? null : (people.find((person) => person.telegramId === id)?.name ?? String(id)));
    return {
      requests: rows.map((row) => ({
        id: row.id,
        telegramId: row.telegram_id,
        applicant: nameOf(row.telegram_id),
        name: row.name,
        phone: row.phone,
        comment: row.comment,
        status: row.status,
        role: row.role,
        reason: row.reason,
        decidedBy: nameOf(row.decided_by),
        decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
        createdAt: new Date(row.created_at).toISOString(),
      })),
      roles: context.permissions.roleNames().filter((role) => role !== "owner"),
    };
  });

  app.post<{ Params: { id: string } }>("/api/access-requests/:id/approve", { config: { access: manage } }, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, idSchema, request.params);
    const body = params && parseInput(context.translator, request, reply, z.object({ role: z.string().trim().min(1).max(50) }), request.body);
    if (params === undefined || body === undefined) return reply;
    const outcome = await context.database.transaction((trx) => approveAccessRequest(trx, actorOf(request), { app: context, requestId: params.id, role: body.role }));
    return answerOutcome(context, request, reply, outcome);
  });

  app.post<{ Params: { id: string } }>("/api/access-requests/:id/reject", { config: { access: manage } }, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, idSchema, request.params);
    const body = params && parseInput(context.translator, request, reply, z.object({ reason: z.string().trim().max(500).default("") }), request.body);
    if (params === undefined || body === undefined) return reply;
    const outcome = await context.database.transaction((trx) => rejectAccessRequest(trx, actorOf(request), { app: context, requestId: params.id, reason: body.reason }));
    return answerOutcome(context, request, reply, outcome);
  });

  app.post<{ Params: { id: string } }>("/api/access-requests/:id/postpone", { config: { access: manage } }, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, idSchema, request.params);
    if (params === undefined) return reply;
    const outcome = await context.database.transaction((trx) => postponeAccessRequest(trx, actorOf(request), { app: context, requestId: params.id }));
    return answerOutcome(context, request, reply, outcome);
  });
}
