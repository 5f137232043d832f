import type { FastifyError, FastifyInstance } from "fastify";

/**
 * How a request that threw is answered: a client's mistake Fastify found (bad JSON, too large a
 * body) keeps its status and message; anything else is a 500 with a generic body, its detail
 * (a database error's code and text, a stack) going to the log only.
 */
export function installErrorAnswers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: error.message });
    }
    request.log.error({ err: error, method: request.method, url: request.routeOptions.url ?? request.url }, "request failed");
    return reply.code(500).send({ error: "internal error" });
  });
}
