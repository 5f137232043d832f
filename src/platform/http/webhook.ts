import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { crashPoint } from "../crash-points.ts";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import { takeIn } from "../telegram/intake.ts";
import type { IntakeProgress } from "../telegram/intake-progress.ts";
import { updateIdSchema } from "../telegram/update-shape.ts";

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** Compares secrets in constant time (hashing first, so lengths do not leak either). */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function webhookPath(botId: string): string {
  return `/telegram/${botId}`;
}

/**
 * Telegram's webhook: an update is answered 200 only after it is in the inbox, so a crash before
 * that makes Telegram deliver it again, and a second delivery changes nothing. A malformed update
 * with an id is answered 200 too, once quarantined: Telegram would only send it again.
 */
export function registerWebhook(
  app: FastifyInstance,
  options: { botIds: readonly string[]; secret: string; database: Database; metrics: Metrics; logger: Logger; progress: IntakeProgress; onStored(botId: string, chatKeys: readonly string[]): void },
): void {
  app.post<{ Params: { botId: string }; Body: unknown }>("/telegram/:botId", { config: { access: "public" } }, async (request, reply) => {
    const header = request.headers[SECRET_HEADER];
    if (!secretMatches(typeof header === "string" ? header : undefined, options.secret)) {
      return reply.code(401).send({ error: "unauthorized" });
    }
    const { botId } = request.params;
    if (!options.botIds.includes(botId)) return reply.code(404).send({ error: "unknown bot" });
    const update = request.body;
    if (typeof update !== "object" || update === null || Array.isArray(update) || !updateIdSchema.safeParse((update as { update_id?: unknown }).update_id).success) {
      return reply.code(400).send({ error: "not an update" });
    }
    const taken = await takeIn(options.database.db, botId, [update], options.logger).catch((error: unknown) => {
      // Answered 500 (generically, see error-answers.ts): Telegram delivers it again.
      options.progress.failed(botId, error);
      throw error;
    });
    options.progress.stored(botId);
    options.metrics.updatesReceived.inc({ intake: "webhook" });
    if (taken.quarantined > 0) options.metrics.updates.inc({ type: "intake", outcome: "quarantined" });
    crashPoint("inbox-before-ack");
    options.onStored(botId, taken.chatKeys);
    return reply.code(200).send({ ok: true });
  });
}
