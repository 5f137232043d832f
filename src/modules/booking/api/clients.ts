import { requires } from "../../../platform/http/route-guard.ts";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseInput, refuse } from "../../../platform/http/answers.ts";
import type { ApiContext } from "../../../platform/module.ts";
import type { Tables } from "../tables.ts";
import { clientCard, searchClients } from "../queries/client-cards.ts";

const searchQuery = z.object({ q: z.string().max(200).default("") });
const clientParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/**
 * Client cards for staff (permission `booking.manage`): a search by name or phone, and one
 * client's card with their visits, no-shows, money spent and every booking with its status.
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
}
