import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseInput, refuse, textFor } from "../../../platform/http/answers.ts";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { instantToZoned, isPlainDate, parseClock, zonedBoundaryToInstant } from "../../../platform/domain/zoned-time.ts";
import type { Tables } from "../tables.ts";
import { addDaysOff } from "../commands/add-days-off.ts";
import { addHoliday } from "../commands/add-holiday.ts";
import { blockTime } from "../commands/block-time.ts";
import { clearDayHours } from "../commands/clear-day-hours.ts";
import { removeDaysOff } from "../commands/remove-days-off.ts";
import { removeHoliday } from "../commands/remove-holiday.ts";
import { setDayHours } from "../commands/set-day-hours.ts";
import { unblockTime } from "../commands/unblock-time.ts";
import { MAX_BLOCK_DAYS, MAX_REASON_LENGTH } from "../domain/time-off.ts";
import { mastersOfBot } from "../queries/staff-calendar.ts";
import { timeOffFrom } from "../queries/time-off-list.ts";
import type { TimeOffOutcome } from "../commands/time-off-resolve.ts";
import { refusalKey } from "./refusals.ts";

const id = z.coerce.number().int().positive();
const plainDate = z.string().refine(isPlainDate);
const clock = z
  .string()
  .refine((value) => parseClock(value) !== undefined)
  .transform((value) => parseClock(value) ?? 0);
const note = z.string().trim().max(MAX_REASON_LENGTH).optional().transform((value) => (value === undefined || value === "" ? null : value));
const resolutions = z
  .array(z.discriminatedUnion("action", [z.object({ bookingId: id, action: z.literal("cancel") }), z.object({ bookingId: id, action: z.literal("move"), masterId: id })]))
  .max(500)
  .default([]);

const daysOffBody = z.object({ masterId: id, from: plainDate, to: plainDate, reason: note, resolutions });
const holidayBody = z.object({ from: plainDate, to: plainDate, name: note, resolutions });
const dayHoursBody = z.object({ masterId: id, date: plainDate, intervals: z.array(z.object({ from: clock, to: clock })).max(12), resolutions });
const clearDayBody = z.object({ masterId: id, date: plainDate, resolutions });
const blockBody = z.object({ masterId: id, date: plainDate, from: clock, to: clock, reason: note, resolutions });
const entryParams = z.object({ id });

/** How each refusal of a time-off command is answered: status and catalogue text. */
const REFUSALS = {
  "hits-bookings": { status: 409, key: "booking-web-time-off-hits" },
  "resolution-refused": { status: 409, key: "booking-web-time-off-resolution-refused" },
  taken: { status: 409, key: "booking-web-time-off-taken" },
  "not-found": { status: 404, key: "booking-web-time-off-not-found" },
  "days-invalid": { status: 400, key: "booking-web-time-off-days-invalid" },
  "hours-invalid": { status: 400, key: "booking-web-time-off-hours-invalid" },
  "range-invalid": { status: 400, key: "booking-web-time-off-range-invalid" },
  "reason-too-long": { status: 400, key: "booking-web-time-off-reason-too-long" },
} as const;

/**
 * Answers a time-off command: what was stored and how many bookings were moved or cancelled;
 * refused because it hits bookings, 409 with the hits (each with the masters free to take it),
 * so the panel can ask what to do with each and send the request again with `resolutions`.
 */
function answer(context: ApiContext, request: FastifyRequest, reply: FastifyReply, outcome: TimeOffOutcome<unknown>, okStatus = 200) {
  if (outcome.ok) return reply.code(okStatus).send({ ...(outcome.value as object), moved: outcome.moved, cancelled: outcome.cancelled });
  const { status, key } = REFUSALS[outcome.reason];
  if (outcome.reason === "hits-bookings") return reply.code(status).send({ error: textFor(context.translator, request, key, { count: outcome.hits.length }), hits: outcome.hits });
  if (outcome.reason === "resolution-refused") {
    const why = textFor(context.translator, request, refusalKey(outcome.why));
    return reply.code(status).send({ error: textFor(context.translator, request, key, { booking: outcome.bookingId, why }), bookingId: outcome.bookingId });
  }
  return refuse(context.translator, request, reply, status, key, { max: outcome.reason === "range-invalid" ? MAX_BLOCK_DAYS : MAX_REASON_LENGTH });
}

/**
 * Time off for staff (permission `booking.manage`): what is in place, and adding or taking back a
 * master's days off, a holiday, a day's own hours and a block of hours. A change that hits
 * bookings answers 409 with them until the request says, for each, move (to a free master) or
 * cancel; then the moves, cancellations, notices and the time off commit together.
 */
export function timeOffRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as unknown as Kysely<Tables>;
  const manage = requires("booking.manage");
  const now = () => context.clock.now();
  type EntryRoute = { Params: { id: string } };

  app.get("/api/booking/time-off", manage, async (request) => {
    const botId = request.session!.botId;
    const masters = (await mastersOfBot(db, botId)).filter((master) => master.active);
    const timeZone = masters[0]?.timeZone ?? context.settings.of(botId).timeZone;
    const today = instantToZoned(now(), timeZone).date;
    return { today, timeZone, masters: masters.map((master) => ({ id: master.id, name: master.name, timeZone: master.timeZone })), ...(await timeOffFrom(db, botId, today, now())) };
  });

  app.post("/api/booking/time-off/days-off", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, daysOffBody, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    const outcome = await context.run(actor, addDaysOff, body);
    return answer(context, request, reply, outcome, 201);
  });

  app.post<EntryRoute>("/api/booking/time-off/days-off/:id/remove", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, entryParams, request.params);
    if (params === undefined) return reply;
    const actor = actorOf(request);
    return answer(context, request, reply, await context.run(actor, removeDaysOff, { id: params.id }));
  });

  app.post("/api/booking/time-off/holidays", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, holidayBody, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    const outcome = await context.run(actor, addHoliday, body);
    return answer(context, request, reply, outcome, 201);
  });

  app.post<EntryRoute>("/api/booking/time-off/holidays/:id/remove", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, entryParams, request.params);
    if (params === undefined) return reply;
    const actor = actorOf(request);
    return answer(context, request, reply, await context.run(actor, removeHoliday, { id: params.id }));
  });

  app.post("/api/booking/time-off/day-hours", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, dayHoursBody, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    const intervals = body.intervals.map((interval) => ({ start: interval.from, end: interval.to }));
    const outcome = await context.run(actor, setDayHours, { ...body, intervals });
    return answer(context, request, reply, outcome);
  });

  app.post("/api/booking/time-off/day-hours/clear", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, clearDayBody, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    return answer(context, request, reply, await context.run(actor, clearDayHours, body));
  });

  app.post("/api/booking/time-off/blocks", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, blockBody, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    // The times are the master's location's wall clock.
    const master = (await mastersOfBot(db, actor.botId)).find((candidate) => candidate.id === body.masterId);
    if (master === undefined) return refuse(context.translator, request, reply, 404, REFUSALS["not-found"].key);
    const start = zonedBoundaryToInstant(body.date, body.from, master.timeZone);
    const end = zonedBoundaryToInstant(body.date, body.to, master.timeZone);
    const outcome = await context.run(actor, blockTime, { ...body, start, end });
    return answer(context, request, reply, outcome, 201);
  });

  app.post<EntryRoute>("/api/booking/time-off/blocks/:id/remove", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, entryParams, request.params);
    if (params === undefined) return reply;
    const actor = actorOf(request);
    return answer(context, request, reply, await context.run(actor, unblockTime, { id: params.id }));
  });
}
