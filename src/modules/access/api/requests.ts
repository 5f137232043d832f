import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { approveAccessRequest } from "../commands/approve-access-request.ts";
import { postponeAccessRequest } from "../commands/postpone-access-request.ts";
import { rejectAccessRequest } from "../commands/reject-access-request.ts";
import { grantableRoles } from "../domain/roles.ts";
import { addresseesOf } from "../queries/people.ts";
import { requestsWithStatus } from "../queries/requests.ts";
import type { AccessTables } from "../tables.ts";
import { presentListedRequest } from "../views.ts";
import { parseInput } from "../../../platform/http/answers.ts";
import { answerOutcome } from "./refusals.ts";

const statusSchema = z.object({ status: z.enum(["open", "pending", "postponed", "approved", "rejected"]).default("open") });
/** Without a role, the least privileged one is given. */
const approveBody = z.object({ role: z.string().trim().min(1).max(50).optional() });
const idSchema = z.object({ id: z.coerce.number().int().positive() });

/** Access requests: listed by status, approved with a role, rejected with a reason, postponed. */
export function requestRoutes(app: FastifyInstance, context: ApiContext<AccessTables>): void {
  const db = context.database.db;
  const manage = requires("people.manage").config.access;

  app.get("/api/access-requests", requires("people.view"), async (request, reply) => {
    const query = parseInput(context.translator, request, reply, statusSchema, request.query);
    if (query === undefined) return reply;
    const botId = request.session!.botId;
    const statuses = query.status === "open" ? (["pending", "postponed"] as const) : ([query.status] as const);
    const rows = await requestsWithStatus(db, botId, statuses, query.status === "open" ? "oldest-first" : "newest-first");
    const people = await addresseesOf(db, botId, [...new Set(rows.flatMap((row) => [row.telegram_id, ...(row.decided_by === null ? [] : [row.decided_by])]))]);
    const nameOf = (id: number | null) => (id === null ? null : (people.find((person) => person.telegramId === id)?.name ?? String(id)));
    // The least privileged first: what an approval without a role gives.
    const roles = grantableRoles(context.permissions.roleNamesByPrivilege());
    return { requests: rows.map((row) => presentListedRequest(row, nameOf)), roles, defaultRole: roles[0] ?? null };
  });

  app.post<{ Params: { id: string } }>("/api/access-requests/:id/approve", { config: { access: manage } }, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, idSchema, request.params);
    const body = params && parseInput(context.translator, request, reply, approveBody, request.body ?? {});
    if (params === undefined || body === undefined) return reply;
    const outcome = await context.run(actorOf(request), approveAccessRequest, { requestId: params.id, role: body.role });
    return answerOutcome(context, request, reply, outcome);
  });

  app.post<{ Params: { id: string } }>("/api/access-requests/:id/reject", { config: { access: manage } }, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, idSchema, request.params);
    const body = params && parseInput(context.translator, request, reply, z.object({ reason: z.string().trim().max(500).default("") }), request.body);
    if (params === undefined || body === undefined) return reply;
    const outcome = await context.run(actorOf(request), rejectAccessRequest, { requestId: params.id, reason: body.reason });
    return answerOutcome(context, request, reply, outcome);
  });

  app.post<{ Params: { id: string } }>("/api/access-requests/:id/postpone", { config: { access: manage } }, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, idSchema, request.params);
    if (params === undefined) return reply;
    const outcome = await context.run(actorOf(request), postponeAccessRequest, { requestId: params.id });
    return answerOutcome(context, request, reply, outcome);
  });
}
