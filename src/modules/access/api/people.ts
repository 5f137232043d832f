import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { grantableRoles } from "../domain/roles.ts";
import { blockPerson } from "../commands/block-person.ts";
import { grantRole } from "../commands/grant-role.ts";
import { issueLoginLink } from "../commands/issue-login-link.ts";
import { revokeRole } from "../commands/revoke-role.ts";
import { unblockPerson } from "../commands/unblock-person.ts";
import { listPeople } from "../queries/people-listing.ts";
import type { AccessTables } from "../tables.ts";
import { parseInput, refuse, textFor } from "../../../platform/http/answers.ts";
import { answerOutcome } from "./refusals.ts";

const personSchema = z.object({ telegramId: z.coerce.number().int().positive() });
const roleSchema = z.object({ role: z.string().trim().min(1).max(50) });

/** People and their roles: the list, granting and taking roles, blocking, and sending a sign-in invitation. */
export function peopleRoutes(app: FastifyInstance, context: ApiContext<AccessTables>): void {
  const db = context.database.db;
  const manage = requires("people.manage");
  type PersonRoute = { Params: { telegramId: string; role?: string } };

  app.get("/api/people", requires("people.view"), async (request) => {
    const session = request.session!;
    const known = context.permissions.roleNames();
    return {
      people: await listPeople(db, session.botId, textFor(context.translator, request, "access-owner-unmet")),
      // Owners may hand out owner too; everyone else every other role.
      roles: session.roles.includes("owner") ? known : grantableRoles(known),
    };
  });

  app.post<PersonRoute>("/api/people/:telegramId/roles", manage, async (request, reply) => {
    const person = parseInput(context.translator, request, reply, personSchema, request.params);
    const body = person && parseInput(context.translator, request, reply, roleSchema, request.body);
    if (person === undefined || body === undefined) return reply;
    const result = await context.run(actorOf(request), grantRole, { telegramId: person.telegramId, role: body.role });
    return answerOutcome(context, request, reply, result);
  });

  app.delete<PersonRoute>("/api/people/:telegramId/roles/:role", manage, async (request, reply) => {
    const person = parseInput(context.translator, request, reply, personSchema.extend(roleSchema.shape), request.params);
    if (person === undefined) return reply;
    const result = await context.run(actorOf(request), revokeRole, { telegramId: person.telegramId, role: person.role });
    return answerOutcome(context, request, reply, result);
  });

  app.post<PersonRoute>("/api/people/:telegramId/block", manage, async (request, reply) => {
    const person = parseInput(context.translator, request, reply, personSchema, request.params);
    const body = person && parseInput(context.translator, request, reply, z.object({ reason: z.string().trim().max(500).default("") }), request.body);
    if (person === undefined || body === undefined) return reply;
    const result = await context.run(actorOf(request), blockPerson, { telegramId: person.telegramId, reason: body.reason });
    return answerOutcome(context, request, reply, result);
  });

  app.post<PersonRoute>("/api/people/:telegramId/unblock", manage, async (request, reply) => {
    const person = parseInput(context.translator, request, reply, personSchema, request.params);
    if (person === undefined) return reply;
    const result = await context.run(actorOf(request), unblockPerson, { telegramId: person.telegramId });
    return answerOutcome(context, request, reply, result);
  });

  app.post<PersonRoute>("/api/people/:telegramId/send-link", manage, async (request, reply) => {
    const person = parseInput(context.translator, request, reply, personSchema, request.params);
    if (person === undefined) return reply;
    if (person.telegramId === request.session!.telegramId) return refuse(context.translator, request, reply, 400, "access-web-link-for-yourself");
    const result = await context.run(actorOf(request), issueLoginLink, { telegramId: person.telegramId, panelUrl: context.publicUrl() });
    return answerOutcome(context, request, reply, result);
  });
}
