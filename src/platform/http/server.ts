import type { Translator } from "../i18n/translator.ts";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { Permissions } from "../auth/permissions.ts";
import { installErrorAnswers } from "./error-answers.ts";
import { installJsonBodyParser } from "./json-body.ts";
import { installRouteGuard, type GuardedRoute } from "./route-guard.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Every route that declared its access, for the guard's own tests. */
    guardedRoutes: GuardedRoute[];
  }
}

/** What /readyz reports about this process, besides the database. */
export interface Readiness {
  /** Checks that must pass for this process to take traffic (intake, workers). */
  checks(): Record<string, boolean>;
  /** Open health incidents that stop the bot from serving (intake stuck), with their reasons: any fails readiness. */
  incidents?(): Promise<readonly { problem: string; detail: string; since: string }[]>;
  /** Facts about Telegram (last successful call, webhook info): reported, never failing readiness. */
  telegram(): Record<string, unknown>;
}

export interface ServerDependencies {
  database: Database;
  metrics: Metrics;
  logger: Logger;
  readiness: Readiness;
  permissions: Permissions;
  /** The texts of the route guard's refusals, in the reader's language. */
  translator: Translator;
  /** Fastify's trustProxy: X-Forwarded-For is believed only behind a known proxy. */
  trustProxy: boolean | number;
  /** Where the built web UI is; served at / when it exists. */
  webRoot?: string;
}

export async function createServer(deps: ServerDependencies): Promise<FastifyInstance> {
  // Request logs would be one line per webhook update; errors are what matter here.
  const logger: FastifyBaseLogger = deps.logger.child({ component: "http" }, { level: "warn" });
  const app: FastifyInstance = Fastify({
    loggerInstance: logger,
    bodyLimit: 10 * 1024 * 1024,
    // Fastify's overloads want one literal type; both are valid at run time.
    trustProxy: deps.trustProxy as boolean,
  });
  installJsonBodyParser(app);
  installErrorAnswers(app);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Telegram Web shows Mini Apps in a frame.
        frameAncestors: ["'self'", "https://web.telegram.org"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: false,
    // Login links carry their token in the fragment; nothing of the URL should leave in a Referer.
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: false,
  });
  app.decorate("guardedRoutes", installRouteGuard(app, { database: deps.database, permissions: deps.permissions, translator: deps.translator }));
  // What /api answers is about people (staff, clients, sessions): no browser or proxy may keep a copy.
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    return payload;
  });

  app.get("/healthz", { config: { access: "public" } }, () => ({ status: "ok" }));

  app.get("/readyz", { config: { access: "public" } }, async (_request, reply) => {
    const database = await sql`select 1`.execute(deps.database.db).then(
      () => true,
      () => false,
    );
    const incidents = database ? await (deps.readiness.incidents?.() ?? Promise.resolve([])).catch(() => []) : [];
    const checks = { database, ...deps.readiness.checks(), incidents: incidents.length === 0 };
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", checks, incidents, telegram: deps.readiness.telegram() });
  });

  app.get("/metrics", { config: { access: "public" } }, async (_request, reply) => {
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  const webRoot = deps.webRoot ?? resolve(import.meta.dirname, "../../../web/dist");
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
    // The web app routes on the client: unknown GETs outside the API get its page.
    app.setNotFoundHandler((request, reply) => {
      const api = /^\/(api|sandbox|telegram)\//.test(request.url);
      if (request.method === "GET" && !api) return reply.sendFile("index.html");
      return reply.code(404).send({ error: "not found" });
    });
  }
  return app;
}
