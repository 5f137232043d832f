import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseInput, refuse } from "../../../platform/http/answers.ts";
import type { ApiContext } from "../../../platform/module.ts";
import type { Tables } from "../tables.ts";
import { clientCard, searchClients } from "../queries/client-cards.ts";
import { editClient } from "../commands/edit-client.ts";

const searchQuery = z.object({ q: z.string().max(200).default("") });
const clientParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
// Shapes only: the command checks the values, so its refusal names what is wrong in the person's words.
const clientChanges = z.object({ name: z.string().max(500), phone: z.string().max(40).default(""), note: z.string().max(10_000).default("") });

/** Unknown clients are 404, a phone another client has 409, a value that cannot be used 400. */
const REFUSAL_STATUS = { "client-unknown": 404, "phone-taken": 409, "name-missing": 400, "phone-invalid": 400, "note-too-long": 400 } as const;

/**
 * Client cards for staff (permission `booking.manage`): a search by name or phone, one client's
 * card with their visits, no-shows, money spent and every booking with its status, and the
 * card's name, phone and private note corrected.
 */
export function clientRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as unknown as Kysely<Tables>;
  const manage = requires("booking.manage");
  const now = () => context.clock.now();

  app.get("/api/booking/clients", manage, async (request, reply) => {
    const query = parseInput(context.translator, request, reply, searchQuery, request.query);
    if (query === undefined) return reply;
    return { clients: await searchClients(db, request.session!.botId, query.q) };
  });

  app.get("/api/booking/clients/:id", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, clientParams, request.params);
    if (params === undefined) return reply;
    const card = await clientCard(db, request.session!.botId, params.id, now());
    if (card === undefined) return refuse(context.translator, request, reply, 404, "booking-web-client-unknown");
    return card;
  });

  app.put("/api/booking/clients/:id", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, clientParams, request.params);
    const body = params && parseInput(context.translator, request, reply, clientChanges, request.body);
    if (params === undefined || body === undefined) return reply;
    const outcome = await context.run(actorOf(request), editClient, { clientId: params.id, ...body });
    if (!outcome.ok) return refuse(context.translator, request, reply, REFUSAL_STATUS[outcome.reason], `booking-web-client-${outcome.reason}`);
    return outcome.client;
  });
}
