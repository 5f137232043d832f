import type { FastifyReply, FastifyRequest } from "fastify";
import type { ApiContext } from "../../../platform/module.ts";
import { refuse } from "../../../platform/http/answers.ts";

/** How each refusal of the access use cases is answered over HTTP: status and catalogue text. */
const REFUSALS: Record<string, { status: number; key: string }> = {
  forbidden: { status: 403, key: "access-web-forbidden" },
  "not-found": { status: 404, key: "access-web-not-found" },
  "unknown-role": { status: 400, key: "access-web-unknown-role" },
  "invalid-reason": { status: 400, key: "access-web-reason-needed" },
  blocked: { status: 409, key: "access-web-person-blocked" },
  "already-decided": { status: 409, key: "access-web-already-decided" },
  "already-postponed": { status: 409, key: "access-web-already-postponed" },
  "owners-only": { status: 403, key: "access-web-owners-only" },
  "last-owner": { status: 409, key: "access-web-last-owner" },
  unchanged: { status: 409, key: "access-web-unchanged" },
  self: { status: 400, key: "access-web-not-yourself" },
  "already-blocked": { status: 409, key: "access-web-already-blocked" },
  "not-blocked": { status: 409, key: "access-web-not-blocked" },
  "no-role": { status: 409, key: "access-web-no-role-to-sign-in" },
  "too-many": { status: 429, key: "access-web-too-many" },
  "no-sessions": { status: 404, key: "access-web-not-found" },
  unmet: { status: 409, key: "access-web-language-unmet" },
};

type Refusal = { ok: false; reason: string; decidedBy?: { name: string } | null };

/**
 * Answers a use case's result: 200 with the result when it went through, or the refusal's
 * status and a clear message in the person's language ("already decided by Olga").
 */
export function answerOutcome<Result extends { ok: boolean }>(context: ApiContext, request: FastifyRequest, reply: FastifyReply, result: Result): FastifyReply | Result {
  if (result.ok) return result;
  const refusal = result as unknown as Refusal;
  const known = REFUSALS[refusal.reason] ?? { status: 409, key: "access-web-refused" };
  return refuse(context.translator, request, reply, known.status, known.key, { by: refusal.decidedBy?.name ?? "—" });
}
