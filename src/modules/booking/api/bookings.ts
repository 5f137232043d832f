import type { FastifyInstance } from "fastify";
import type { Transaction } from "kysely";
import { z } from "zod";
import { parseInput } from "../../../platform/http/answers.ts";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { normalizePhone } from "../../../platform/domain/phone.ts";
import type { Tables } from "../repo.ts";
import { adminBook, cancelBooking, rescheduleBooking, type BookingOutcome } from "../service.ts";
import { presentBooking } from "../service/presenter.ts";
import { tellAboutStaffChange } from "../service/staff-change-notices.ts";
import { answerBooking } from "./refusals.ts";

type Trx = Transaction<Tables>;

const id = z.coerce.number().int().positive();
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const newBooking = z.object({
  serviceId: id,
  masterId: id,
  start: instant,
  // Checked by the use case, so its refusal names what is wrong in the person's words.
  name: z.string().max(100).default(""),
  phone: z.string().max(40).default(""),
});
const move = z.object({ start: instant, masterId: id.optional() });
const bookingParams = z.object({ id });

/**
 * Staff change bookings on a client's behalf (permission `booking.manage`): book a walk-in by
 * name and phone, cancel, move to another time or master. Each runs its use case and the notices
 * to the master and the client in one transaction.
 */
export function bookingRoutes(app: FastifyInstance, context: ApiContext): void {
  const manage = requires("booking.manage");
  const now = () => context.clock.now();
  const inTransaction = <T>(work: (trx: Trx) => Promise<T>) => context.database.transaction((trx) => work(trx as unknown as Trx));
  type BookingRoute = { Params: { id: string } };

  app.post("/api/booking/bookings", manage, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, newBooking, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    // Not a phone: passed on as typed, for the use case to refuse in the person's words.
    const phone = normalizePhone(body.phone) ?? body.phone;
    const outcome: BookingOutcome = await inTransaction(async (trx) => {
      const result = await adminBook(trx, actor, { masterId: body.masterId, serviceId: body.serviceId, start: body.start, now: now(), client: { name: body.name, phone } });
      if (result.ok) await tellAboutStaffChange(trx, context, { botId: actor.botId, news: "booked", booking: result.booking });
      return result;
    });
    return answerBooking(context, request, reply, outcome, 201);
  });

  app.post<BookingRoute>("/api/booking/bookings/:id/cancel", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, bookingParams, request.params);
    if (params === undefined) return reply;
    const actor = actorOf(request);
    const outcome = await inTransaction(async (trx) => {
      const result = await cancelBooking(trx, actor, { bookingId: params.id, by: "staff", now: now() });
      if (result.ok) await tellAboutStaffChange(trx, context, { botId: actor.botId, news: "cancelled", booking: result.booking });
      return result;
    });
    return answerBooking(context, request, reply, outcome);
  });

  app.post<BookingRoute>("/api/booking/bookings/:id/move", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, bookingParams, request.params);
    const body = params && parseInput(context.translator, request, reply, move, request.body);
    if (params === undefined || body === undefined) return reply;
    const actor = actorOf(request);
    const outcome = await inTransaction(async (trx) => {
      const before = await trx.selectFrom("booking").selectAll().where("id", "=", params.id).where("bot_id", "=", actor.botId).executeTakeFirst();
      const result = await rescheduleBooking(trx, actor, {
        bookingId: params.id,
        by: "staff",
        start: body.start,
        now: now(),
        ...(body.masterId === undefined ? {} : { masterId: body.masterId }),
      });
      if (result.ok && before !== undefined) {
        await tellAboutStaffChange(trx, context, { botId: actor.botId, news: "moved", booking: result.booking, before: presentBooking(before) });
      }
      return result;
    });
    return answerBooking(context, request, reply, outcome);
  });
}
