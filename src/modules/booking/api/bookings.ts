import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseInput } from "../../../platform/http/answers.ts";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { adminBook } from "../commands/admin-book.ts";
import { cancelBooking } from "../commands/cancel-booking.ts";
import { rescheduleBooking } from "../commands/reschedule-booking.ts";
import { answerBooking } from "./refusals.ts";

const id = z.coerce.number().int().positive();
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const newBooking = z.object({
  serviceId: id,
  masterId: id,
  start: instant,
  // Checked by the command, so its refusal names what is wrong in the person's words.
  name: z.string().max(100).default(""),
  phone: z.string().max(40).default(""),
});
const move = z.object({ start: instant, masterId: id.optional() });
const bookingParams = z.object({ id });

/**
 * Staff change bookings on a client's behalf (permission `booking.manage`): book a walk-in by
 * name and phone, cancel, move to another time or master. Each is a command, which tells the
 * master and the client itself.
 */
export function bookingRoutes(app: FastifyInstance, context: ApiContext): void {
  const manage = requires("booking.manage");
  type BookingRoute = { Params: { id: string } };

  app.post("/api/booking/bookings", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, newBooking, request.body);
    if (body === undefined) return reply;
    // The phone as typed: the command reads it in the country of the master's location.
    const outcome = await context.run(actorOf(request), adminBook, { masterId: body.masterId, serviceId: body.serviceId, start: body.start, client: { name: body.name, phone: body.phone } });
    return answerBooking(context, request, reply, outcome, 201);
  });

  app.post<BookingRoute>("/api/booking/bookings/:id/cancel", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, bookingParams, request.params);
    if (params === undefined) return reply;
    const outcome = await context.run(actorOf(request), cancelBooking, { bookingId: params.id, by: "staff" });
    return answerBooking(context, request, reply, outcome);
  });

  app.post<BookingRoute>("/api/booking/bookings/:id/move", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, bookingParams, request.params);
    const body = params && parseInput(context.translator, request, reply, move, request.body);
    if (params === undefined || body === undefined) return reply;
    const outcome = await context.run(actorOf(request), rescheduleBooking, {
      bookingId: params.id,
      by: "staff",
      start: body.start,
      ...(body.masterId === undefined ? {} : { masterId: body.masterId }),
    });
    return answerBooking(context, request, reply, outcome);
  });
}
