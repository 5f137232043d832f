import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorOf, SESSION_COOKIE } from "../../../platform/http/route-guard.ts";
import { hitRateLimit, type RateLimit } from "../../../platform/auth/rate-limit.ts";
import type { StartedSession } from "../../../platform/auth/sessions.ts";
import { validateInitData, validateLoginUrl, type TelegramLoginResult } from "../../../platform/auth/telegram-login.ts";
import type { Actor } from "../../../platform/audit/use-case.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { parseInput, refuse, textFor } from "../../../platform/http/answers.ts";
import { signIn, type SignInInput, type SignInResult } from "../commands/sign-in.ts";
import { signOut } from "../commands/sign-out.ts";
import { loginLinkHolder } from "../queries/login-link-holder.ts";
import type { AccessTables } from "../tables.ts";

/** Sign-in attempts allowed per client address, and per person, in ten minutes. */
export const SIGN_IN_LIMITS: { perIp: RateLimit; perPerson: RateLimit } = {
  perIp: { limit: 30, windowMs: 10 * 60 * 1000 },
  perPerson: { limit: 10, windowMs: 10 * 60 * 1000 },
};

/** How a refused sign-in is answered: status and catalogue text. */
const SIGN_IN_REFUSALS: Record<Exclude<SignInResult, { ok: true }>["reason"], { status: number; key: string }> = {
  unknown: { status: 400, key: "access-web-link-unknown" },
  used: { status: 410, key: "access-web-link-used" },
  expired: { status: 410, key: "access-web-link-expired" },
  "no-role": { status: 403, key: "access-web-no-role" },
};

type Outcome = { ok: true; session: StartedSession } | { ok: false; status: number; key: string };

/**
 * The ways into the panel: a login link's token (cookie session), Telegram's login_url button
 * (cookie session), a Mini App's initData (bearer token); and signing out.
 */
export function signInRoutes(app: FastifyInstance, context: ApiContext<AccessTables>): void {
  const db = context.database.db;
  const withinLimit = (key: string, rule: RateLimit) => hitRateLimit(db, `sign-in:${key}`, rule);
  const userAgent = (request: FastifyRequest) => request.headers["user-agent"] ?? null;

  const secureCookies = (request: FastifyRequest) => request.protocol === "https" || context.publicUrl().startsWith("https:");
  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, session: StartedSession) =>
    reply.setCookie(SESSION_COOKIE, session.secret, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(request), expires: session.expiresAt });

  /** Starts a session for someone who proved who they are, unless they hold no role in the bot (a link's token is used up only then). */
  const startFor = async (actor: Actor & { personId: number }, way: Pick<SignInInput, "kind" | "via" | "linkToken">, request: FastifyRequest): Promise<Outcome> => {
    const result = await context.run(actor, signIn, { ...way, userAgent: userAgent(request) });
    return result.ok ? result : { ok: false, ...SIGN_IN_REFUSALS[result.reason] };
  };

  app.post("/api/auth/link", { config: { access: "public" } }, async (request, reply) => {
    const input = parseInput(context.translator, request, reply, z.object({ token: z.string().min(1).max(200) }), request.body);
    if (input === undefined) return reply;
    if (!(await withinLimit(`ip:${request.ip}`, SIGN_IN_LIMITS.perIp))) return refuse(context.translator, request, reply, 429, "access-web-too-many");
    // Looking the link's person up first lets a flood against one person stop before it burns anything.
    const holder = await loginLinkHolder(db, input.token);
    if (holder !== undefined && !(await withinLimit(`person:${holder.botId}:${holder.telegramId}`, SIGN_IN_LIMITS.perPerson))) {
      return refuse(context.translator, request, reply, 429, "access-web-too-many");
    }
    if (holder === undefined) return refuse(context.translator, request, reply, 400, "access-web-link-unknown");
    const actor = { botId: holder.botId, personId: holder.telegramId, source: "web" as const, ip: request.ip };
    const outcome = await startFor(actor, { kind: "cookie", via: "link", linkToken: input.token }, request);
    if (!outcome.ok) return refuse(context.translator, request, reply, outcome.status, outcome.key);
    setSessionCookie(request, reply, outcome.session);
    return { ok: true };
  });

  app.get<{ Params: { botId: string }; Querystring: Record<string, string> }>(
    "/api/auth/telegram-login/:botId",
    { config: { access: "public" } },
    async (request, reply) => {
      const page = (status: number, key: string) =>
        reply
          .code(status)
          .type("text/html; charset=utf-8")
          .send(messagePage(textFor(context.translator, request, "access-web-sign-in-failed"), textFor(context.translator, request, key)));
      if (!(await withinLimit(`ip:${request.ip}`, SIGN_IN_LIMITS.perIp))) return page(429, "access-web-too-many");
      const bot = context.bots.find((candidate) => candidate.id === request.params.botId);
      if (bot === undefined) return page(404, "access-web-login-unknown-bot");
      const query = Object.fromEntries(Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
      const checked = validateLoginUrl(query, bot.token);
      if (!checked.ok) return page(401, checked.reason === "too-old" ? "access-web-telegram-too-old" : "access-web-telegram-bad");
      if (!(await withinLimit(`person:${bot.id}:${checked.telegramId}`, SIGN_IN_LIMITS.perPerson))) return page(429, "access-web-too-many");
      const outcome = await startFor({ botId: bot.id, personId: checked.telegramId, source: "web", ip: request.ip }, { kind: "cookie", via: "login_url" }, request);
      if (!outcome.ok) return page(outcome.status, outcome.key);
      setSessionCookie(request, reply, outcome.session);
      return reply.redirect("/");
    },
  );

  app.post("/api/auth/mini-app", { config: { access: "public" } }, async (request, reply) => {
    const input = parseInput(context.translator, request, reply, z.object({ initData: z.string().min(1).max(4096) }), request.body);
    if (input === undefined) return reply;
    if (!(await withinLimit(`ip:${request.ip}`, SIGN_IN_LIMITS.perIp))) return refuse(context.translator, request, reply, 429, "access-web-too-many");
    const checks = context.bots.map((bot) => ({ bot, result: validateInitData(input.initData, bot.token) }));
    const valid = checks.find((check): check is { bot: (typeof checks)[number]["bot"]; result: Extract<TelegramLoginResult, { ok: true }> } => check.result.ok);
    if (valid === undefined) {
      const tooOld = checks.some((check) => !check.result.ok && check.result.reason === "too-old");
      return refuse(context.translator, request, reply, 401, tooOld ? "access-web-telegram-too-old" : "access-web-telegram-bad");
    }
    const actor = { botId: valid.bot.id, personId: valid.result.telegramId, source: "web" as const, ip: request.ip };
    if (!(await withinLimit(`person:${actor.botId}:${actor.personId}`, SIGN_IN_LIMITS.perPerson))) return refuse(context.translator, request, reply, 429, "access-web-too-many");
    const outcome = await startFor(actor, { kind: "bearer", via: "mini_app" }, request);
    if (!outcome.ok) return refuse(context.translator, request, reply, outcome.status, outcome.key);
    return { token: outcome.session.secret, expiresAt: outcome.session.expiresAt.toISOString() };
  });

  app.post("/api/auth/logout", { config: { access: "signed-in" } }, async (request, reply) => {
    const session = request.session!;
    await context.run(actorOf(request), signOut, { sessionId: session.id });
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });
}

/** A small page for a browser that followed a login_url button: what went wrong, in words. */
function messagePage(title: string, message: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.4rem">${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</body></html>`;
}
