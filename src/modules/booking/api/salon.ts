import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseInput, textFor } from "../../../platform/http/answers.ts";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import type { RuleOverrides } from "../domain/rules.ts";
import type { Tables } from "../tables.ts";
import { createLocation } from "../commands/create-location.ts";
import { createMaster } from "../commands/create-master.ts";
import { createService } from "../commands/create-service.ts";
import { editLocation } from "../commands/edit-location.ts";
import { editMaster } from "../commands/edit-master.ts";
import { editService } from "../commands/edit-service.ts";
import { linkMasterTelegram } from "../commands/link-master-telegram.ts";
import { setLocationActive } from "../commands/set-location-active.ts";
import { setMasterActive } from "../commands/set-master-active.ts";
import { setMasterServices } from "../commands/set-master-services.ts";
import { setServiceActive } from "../commands/set-service-active.ts";
import { setWeeklyHours } from "../commands/set-weekly-hours.ts";
import { updateRules } from "../commands/update-rules.ts";
import { problemMessage, type CatalogueRefusal } from "../domain/catalogue-refusal.ts";
import { salonCatalogue } from "../queries/salon-catalogue.ts";
import type { CatalogueProblemCode } from "../domain/catalogue-refusal.ts";

// Shapes only: the commands check the values, so a refusal names what is wrong in the person's words.
const id = z.coerce.number().int().positive();
const params = z.object({ id });
const minutes = z.number();
const name = z.string().max(200);
const text = z.string().max(2000).nullable();

const locationBody = z.object({ name, address: text.default(null), timeZone: z.string().max(100) });
const ruleOverrides = z
  .object({
    minNoticeMin: minutes.nullable(),
    horizonDays: minutes.nullable(),
    cancelWindowMin: minutes.nullable(),
    rescheduleWindowMin: minutes.nullable(),
    maxReschedules: minutes.nullable(),
    maxActivePerClient: minutes.nullable(),
  })
  .partial()
  // A rule left empty (null) follows the bot's.
  .transform((overrides) => Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== null && value !== undefined)) as RuleOverrides);
const serviceFields = {
  name,
  description: text,
  durationMin: minutes,
  priceMinor: minutes,
  currency: z.string().max(10),
  bufferBeforeMin: minutes,
  bufferAfterMin: minutes,
  slotStepMin: minutes,
  capacity: minutes,
  prepaymentMinor: minutes.nullable(),
  ruleOverrides,
};
const newService = z.object({
  ...serviceFields,
  description: text.default(null),
  bufferBeforeMin: minutes.default(0),
  bufferAfterMin: minutes.default(0),
  slotStepMin: minutes.default(30),
  capacity: minutes.default(1),
  prepaymentMinor: minutes.nullable().default(null),
  ruleOverrides: ruleOverrides.default({}),
});
const serviceChanges = z.object(serviceFields).partial();
const active = z.object({ active: z.boolean() });
const telegramId = z.number().nullable();
const newMaster = z.object({ name, locationId: id, telegramId: telegramId.default(null) });
const masterChanges = z.object({ name: name.optional(), locationId: id.optional() });
const telegramLink = z.object({ telegramId });
const offers = z.object({
  offers: z.array(z.object({ serviceId: id, durationMin: minutes.nullable().default(null), priceMinor: minutes.nullable().default(null) })).max(200),
});
const weeklyHours = z.object({ weekly: z.record(z.string(), z.array(z.object({ start: minutes, end: minutes })).max(24)) });
const rulesChanges = z
  .object({
    minNoticeMin: minutes,
    horizonDays: minutes,
    cancelWindowMin: minutes,
    rescheduleWindowMin: minutes,
    maxReschedules: minutes,
    maxActivePerClient: minutes,
    reminderOffsetsMin: z.array(minutes).max(20),
    holdMin: minutes,
  })
  .partial();

/** Unknown ids are 404, a change the salon's state forbids is 409, a value that cannot be used 400. */
function statusOf(problem: CatalogueProblemCode): number {
  if (problem.endsWith("-unknown") && problem !== "time-zone-unknown") return 404;
  if (problem === "telegram-taken" || problem === "location-has-masters" || problem === "location-inactive") return 409;
  return 400;
}

/**
 * Answers a catalogue command: what it saved, or every problem named in the person's language
 * (`error` joins them; `problems` has each with its text).
 */
function answer<Result extends { ok: true }>(context: ApiContext, request: FastifyRequest, reply: FastifyReply, outcome: Result | CatalogueRefusal, okStatus = 200) {
  if (outcome.ok) {
    const { ok: _ok, ...saved } = outcome;
    return reply.code(okStatus).send(saved);
  }
  const problems = outcome.problems.map((problem) => {
    const { key, args } = problemMessage(problem);
    return { ...problem, text: textFor(context.translator, request, key, args) };
  });
  const status = Math.max(...outcome.problems.map((problem) => statusOf(problem.problem)));
  return reply.code(status).send({ error: problems.map((problem) => problem.text).join(" "), problems });
}

/**
 * The salon as admins manage it in the panel (permission `booking.manage`): locations, services,
 * masters with their services and weekly hours, and the bot's booking rules. Each write runs its
 * audited command in one transaction.
 */
export function salonRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as unknown as Kysely<Tables>;
  const manage = requires("booking.manage");
  type ById = { Params: { id: string } };

  /** Parses the id in the path and the body, or answers 400 and gives undefined. */
  const input = <Schema extends z.ZodType>(request: FastifyRequest, reply: FastifyReply, schema: Schema) => {
    const path = parseInput(context.translator, request, reply, params, request.params);
    const body = path && parseInput(context.translator, request, reply, schema, request.body);
    return path === undefined || body === undefined ? undefined : { id: path.id, body };
  };

  app.get("/api/booking/salon", manage, async (request) => salonCatalogue(db, request.session!.botId));

  app.post("/api/booking/locations", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, locationBody, request.body);
    if (body === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), createLocation, body), 201);
  });
  app.put<ById>("/api/booking/locations/:id", manage, async (request, reply) => {
    const parsed = input(request, reply, locationBody);
    if (parsed === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), editLocation, { ...parsed.body, locationId: parsed.id }));
  });
  app.post<ById>("/api/booking/locations/:id/active", manage, async (request, reply) => {
    const parsed = input(request, reply, active);
    if (parsed === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), setLocationActive, { locationId: parsed.id, active: parsed.body.active }));
  });

  app.post("/api/booking/services", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, newService, request.body);
    if (body === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), createService, body), 201);
  });
  app.put<ById>("/api/booking/services/:id", manage, async (request, reply) => {
    const parsed = input(request, reply, serviceChanges);
    if (parsed === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), editService, { ...parsed.body, serviceId: parsed.id }));
  });
  app.post<ById>("/api/booking/services/:id/active", manage, async (request, reply) => {
    const parsed = input(request, reply, active);
    if (parsed === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), setServiceActive, { serviceId: parsed.id, active: parsed.body.active }));
  });

  app.post("/api/booking/masters", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, newMaster, request.body);
    if (body === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), createMaster, body), 201);
  });
  app.put<ById>("/api/booking/masters/:id", manage, async (request, reply) => {
    const parsed = input(request, reply, masterChanges);
    if (parsed === undefined) return reply;
    const { name: newName, locationId } = parsed.body;
    const changes = { masterId: parsed.id, ...(newName === undefined ? {} : { name: newName }), ...(locationId === undefined ? {} : { locationId }) };
    return answer(context, request, reply, await context.run(actorOf(request), editMaster, changes));
  });
  app.put<ById>("/api/booking/masters/:id/telegram", manage, async (request, reply) => {
    const parsed = input(request, reply, telegramLink);
    if (parsed === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), linkMasterTelegram, { masterId: parsed.id, telegramId: parsed.body.telegramId }));
  });
  app.post<ById>("/api/booking/masters/:id/active", manage, async (request, reply) => {
    const parsed = input(request, reply, active);
    if (parsed === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), setMasterActive, { masterId: parsed.id, active: parsed.body.active }));
  });
  app.put<ById>("/api/booking/masters/:id/services", manage, async (request, reply) => {
    const parsed = input(request, reply, offers);
    if (parsed === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), setMasterServices, { masterId: parsed.id, offers: parsed.body.offers }));
  });
  app.put<ById>("/api/booking/masters/:id/hours", manage, async (request, reply) => {
    const parsed = input(request, reply, weeklyHours);
    if (parsed === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), setWeeklyHours, { masterId: parsed.id, weekly: parsed.body.weekly }));
  });

  app.put("/api/booking/rules", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, rulesChanges, request.body);
    if (body === undefined) return reply;
    return answer(context, request, reply, await context.run(actorOf(request), updateRules, body));
  });
}
