import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseInput } from "../../../platform/http/answers.ts";
import type { ApiContext } from "../../../platform/module.ts";
import type { Tables } from "../repo.ts";

const reviewsQuery = z.object({ master: z.coerce.number().int().positive().optional() });

/** The most rows one answer lists. */
const LIMIT = 200;

/**
 * What staff read after visits (permission `booking.manage`): clients' reviews, newest first
 * (optionally of one master), and prepayments that arrived too late to use, which staff refund in
 * the payment provider (the Bot API cannot).
 */
export function afterVisitRoutes(app: FastifyInstance, context: ApiContext): void {
  const db = context.database.db as unknown as Kysely<Tables>;
  const manage = { config: { access: { permission: "booking.manage" } } };

  app.get("/api/booking/reviews", manage, async (request, reply) => {
    const query = parseInput(context.translator, request, reply, reviewsQuery, request.query);
    if (query === undefined) return reply;
    let rows = db
      .selectFrom("booking_review")
      .innerJoin("booking", "booking.id", "booking_review.booking_id")
      .innerJoin("booking_client", "booking_client.id", "booking_review.client_id")
      .innerJoin("booking_master", "booking_master.id", "booking_review.master_id")
      .innerJoin("booking_service", "booking_service.id", "booking.service_id")
      .select([
        "booking_review.booking_id as bookingId",
        "booking_master.display_name as master",
        "booking_service.name as service",
        "booking_client.name as client",
        "booking.starts_at as visitAt",
        "booking_review.stars",
        "booking_review.text",
        "booking_review.rated_at as ratedAt",
      ])
      .where("booking_review.bot_id", "=", request.session!.botId)
      .where("booking_review.stars", "is not", null);
    if (query.master !== undefined) rows = rows.where("booking_review.master_id", "=", query.master);
    return { reviews: await rows.orderBy("booking_review.rated_at", "desc").limit(LIMIT).execute() };
  });

  app.get("/api/booking/refunds", manage, async (request) => {
    const refunds = await db
      .selectFrom("booking_payment")
      .innerJoin("booking", "booking.id", "booking_payment.booking_id")
      .innerJoin("booking_client", "booking_client.id", "booking.client_id")
      .innerJoin("booking_service", "booking_service.id", "booking.service_id")
      .select([
        "booking_payment.booking_id as bookingId",
        "booking_client.name as client",
        "booking_service.name as service",
        "booking.starts_at as visitAt",
        "booking_payment.amount_minor as amountMinor",
        "booking_payment.currency",
        "booking_payment.provider_payment_charge_id as providerChargeId",
        "booking_payment.telegram_payment_charge_id as telegramChargeId",
        "booking_payment.paid_at as paidAt",
      ])
      .where("booking_payment.bot_id", "=", request.session!.botId)
      .where("booking_payment.outcome", "=", "refund-needed")
      .orderBy("booking_payment.paid_at", "desc")
      .limit(LIMIT)
      .execute();
    return { refunds };
  });
}
