import type { FastifyReply, FastifyRequest } from "fastify";
import { refuse, textFor } from "../../../platform/http/answers.ts";
import type { ApiContext } from "../../../platform/module.ts";
import type { BookingOutcome, RefusalReason } from "../queries/outcome.ts";

/** How each refusal of the booking use cases is answered over HTTP: status and catalogue text. */
const REFUSALS: Partial<Record<RefusalReason, { status: number; key: string }>> = {
  "not-found": { status: 404, key: "booking-web-not-found" },
  "not-offered": { status: 400, key: "booking-web-not-offered" },
  taken: { status: 409, key: "booking-web-taken" },
  full: { status: 409, key: "booking-web-full" },
  "outside-hours": { status: 400, key: "booking-web-outside-hours" },
  "off-grid": { status: 400, key: "booking-web-off-grid" },
  "in-the-past": { status: 400, key: "booking-web-in-the-past" },
  "service-inactive": { status: 400, key: "booking-web-service-inactive" },
  "already-final": { status: 409, key: "booking-web-already-final" },
  unchanged: { status: 400, key: "booking-web-unchanged" },
  "name-missing": { status: 400, key: "booking-web-name-missing" },
  "phone-invalid": { status: 400, key: "booking-web-phone-invalid" },
  "client-unknown": { status: 400, key: "booking-web-client-unknown" },
};

/** The catalogue text that explains a booking use case's refusal. */
export function refusalKey(reason: RefusalReason): string {
  return REFUSALS[reason]?.key ?? "booking-web-refused";
}

/**
 * Answers a booking use case's result: the booking when it went through, else the refusal's
 * status and a clear message in the person's language (a taken time also lists the next free ones).
 */
export function answerBooking(context: ApiContext, request: FastifyRequest, reply: FastifyReply, outcome: BookingOutcome, okStatus = 200) {
  if (outcome.ok) return reply.code(okStatus).send({ booking: outcome.booking });
  const known = REFUSALS[outcome.reason] ?? { status: 409, key: "booking-web-refused" };
  if (outcome.reason === "taken" || outcome.reason === "full") {
    return reply.code(known.status).send({ error: textFor(context.translator, request, known.key), nextFree: outcome.nextFree });
  }
  return refuse(context.translator, request, reply, known.status, known.key);
}

