import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../db/database.ts";
import type { Actor } from "../audit/use-case.ts";
import type { Permission, Permissions } from "../auth/permissions.ts";
import { constantTimeEqual } from "../auth/secrets.ts";
import { resolveSession, type LiveSession } from "../auth/sessions.ts";
import type { Translator } from "../i18n/translator.ts";
import { textFor } from "./answers.ts";

/**
 * Who may call a route: anyone (`public`: health, the login exchange), anyone signed in
 * (`signed-in`: their own sessions), or holders of a permission. Every route under /api/ must
 * say; one without `access` fails at registration, so nothing is open by omission.
 */
export type RouteAccess = "public" | "signed-in" | { permission: Permission };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in person, on routes that are not public. */
    session: LiveSession | undefined;
  }
}

export const SESSION_COOKIE = "botyard_session";
export const CSRF_HEADER = "x-csrf-token";

export interface GuardedRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

/** The person a request acts as, for audit rows. */
export function actorOf(request: FastifyRequest): Actor {
  const session = request.session;
  if (session === undefined) throw new Error("actorOf needs a signed-in request");
  return { botId: session.botId, personId: session.telegramId, source: "web", ip: request.ip };
}

function secretOf(request: FastifyRequest): { secret: string; kind: "cookie" | "bearer" } | undefined {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer ") === true) return { secret: authorization.slice(7).trim(), kind: "bearer" };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie === undefined || cookie === "" ? undefined : { secret: cookie, kind: "cookie" };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one guard of every HTTP route: resolves the session (cookie or Mini App bearer token),
 * checks CSRF on a cookie session's writes, and the route's permission. Returns the registered
 * routes, so a test can walk them all.
 */
export function installRouteGuard(app: FastifyInstance, deps: { database: Database; permissions: Permissions; translator: Translator }): GuardedRoute[] {
  const routes: GuardedRoute[] = [];
  app.decorateRequest("session", undefined);
  app.addHook("onRoute", (route) => {
    const access = route.config?.access;
    if (access === undefined) {
      if (route.url.startsWith("/api/")) throw new Error(`route ${route.url} does not declare its access`);
      return;
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== "HEAD") routes.push({ method, url: route.url, access });
  });

  // A refusal reads in the person's panel language once the session is known, else the browser's.
  const refuse = (request: FastifyRequest, reply: FastifyReply, status: 401 | 403, key: string) => reply.code(status).send({ error: textFor(deps.translator, request, key) });

  app.addHook("onRequest", async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === "public") return;
    const credential = secretOf(request);
    const session = credential === undefined ? undefined : await resolveSession(deps.database.db, credential.secret);
    if (session === undefined || session.kind !== credential?.kind) return refuse(request, reply, 401, "http-sign-in");
    request.session = session;
    if (session.kind === "cookie" && !SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== "string" || !constantTimeEqual(given, session.csrfToken)) return refuse(request, reply, 403, "http-page-out-of-date");
    }
    if (access !== "signed-in" && !deps.permissions.allows(session.roles, access.permission)) return refuse(request, reply, 403, "http-forbidden");
  });
  return routes;
}

/** Route options for holders of `permission`: `app.get(url, requires("people.view"), handler)`. */
export function requires(permission: Permission): { config: { access: RouteAccess } } {
  return { config: { access: { permission } } };
}
