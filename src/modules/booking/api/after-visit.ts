import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseInput, refuse } from "../../../platform/http/answers.ts";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { recordRefund } from "../commands/record-refund.ts";
import { flaggedPayments, REFUND_NOTE_MAX } from "../queries/refunds.ts";
import type { Tables } from "../tables.ts";

const id = z.coerce.number().int().positive();
const reviewsQuery = z.object({ master: id.optional(), stars: z.coerce.number().int().min(1).max(5).optional() });
const paymentParams = z.object({ id });
// The length is the use case's to refuse, in the person's words.
const refundBody = z.object({ note: z.string().max(10_000).nullish() });

/** The most rows one answer lists. */
const LIMIT = 200;

/**
 * What staff read and do after visits (permission `booking.manage`): clients' reviews, newest
 * first (optionally of one master or one star count) with each master's average, and prepayments
 * that arrived too late to use, which staff refund in the payment provider (the Bot API cannot)
 * and then record here.
 */
export function afterVisitRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as unknown as Kysely<Tables>;
  const manage = requires("booking.manage");

  app.get("/api/booking/reviews", manage, async (request, reply) => {
    const query = parseInput(context.translator, request, reply, reviewsQuery, request.query);
    if (query === undefined) return reply;
    const botId = request.session!.botId;
    let rows = db
      .selectFrom("booking_review")
      .innerJoin("booking", "booking.id", "booking_review.booking_id")
      .innerJoin("booking_client", "booking_client.id", "booking_review.client_id")
      .innerJoin("booking_master", "booking_master.id", "booking_review.master_id")
      .innerJoin("booking_service", "booking_service.id", "booking.service_id")
      .innerJoin("booking_location", "booking_location.id", "booking.location_id")
      .select([
        "booking_review.booking_id as bookingId",
        "booking_master.display_name as master",
        "booking_service.name as service",
        "booking_client.name as client",
        "booking.starts_at as visitAt",
        "booking_location.time_zone as timeZone",
        "booking_review.stars",
        "booking_review.text",
        "booking_review.rated_at as ratedAt",
      ])
      .where("booking_review.bot_id", "=", botId)
      .where("booking_review.stars", "is not", null);
    if (query.master !== undefined) rows = rows.where("booking_review.master_id", "=", query.master);
    if (query.stars !== undefined) rows = rows.where("booking_review.stars", "=", query.stars);
    const masters = await db
      .selectFrom("booking_master")
      .leftJoin("booking_review", (join) => join.onRef("booking_review.master_id", "=", "booking_master.id").on("booking_review.stars", "is not", null))
      .select((eb) => [
        "booking_master.id",
        "booking_master.display_name as name",
        eb.fn.count<string>("booking_review.id").as("reviews"),
        eb.fn.avg<string | null>("booking_review.stars").as("average"),
      ])
      .where("booking_master.bot_id", "=", botId)
      .groupBy(["booking_master.id", "booking_master.display_name"])
      .orderBy("booking_master.display_name")
      .execute();
    return {
      reviews: await rows.orderBy("booking_review.rated_at", "desc").limit(LIMIT).execute(),
      masters: masters.map((master) => ({
        id: master.id,
        name: master.name,
        reviews: Number(master.reviews),
        average: master.average === null ? null : Math.round(Number(master.average) * 100) / 100,
      })),
    };
  });

  app.get("/api/booking/refunds", manage, async (request) => {
    const botId = request.session!.botId;
    return { refunds: await flaggedPayments(db, botId, "to-refund", LIMIT), recorded: await flaggedPayments(db, botId, "refunded", LIMIT) };
  });

  app.post<{ Params: { id: string } }>("/api/booking/refunds/:id/record", manage, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, paymentParams, request.params);
    const body = params && parseInput(context.translator, request, reply, refundBody, request.body);
    if (params === undefined || body === undefined) return reply;
    const outcome = await context.run(actorOf(request), recordRefund, { paymentId: params.id, note: body.note ?? null });
    if (outcome.ok) return { refund: { paymentId: outcome.paymentId, bookingId: outcome.bookingId, refundedAt: outcome.refundedAt } };
    const status = { "refund-not-found": 404, "refund-already-recorded": 409, "refund-note-too-long": 400 }[outcome.reason];
    return refuse(context.translator, request, reply, status, `booking-web-${outcome.reason}`, { max: REFUND_NOTE_MAX });
  });
}
