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

/**
 * Sign-in attempts allowed per person, and failed ones (an unknown link, a bad signature) per
 * client address, in any ten minutes. Only failures count per address, so the staff of one office
 * behind one address are not locked out by each other or by someone guessing: a valid link or
 * signature always gets through its address's limit (a 256-bit token is not guessed anyway; the
 * address limit keeps guessing noise down), and the person's own limit still holds.
 */
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
  const withinLimit = (key: string, rule: RateLimit) => hitRateLimit(db, `sign-in:${key}`, rule, context.clock.now());
  /** Counts a failed attempt against the client's address: the status to answer with, 429 once over. */
  const failed = async (request: FastifyRequest, status: number) => ((await withinLimit(`ip:${request.ip}`, SIGN_IN_LIMITS.perIp)) ? status : 429);
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
    // Looking the link's person up first lets a flood against one person stop before it burns anything.
    const holder = await loginLinkHolder(db, input.token);
    if (holder === undefined) {
      const status = await failed(request, 400);
      return refuse(context.translator, request, reply, status, status === 429 ? "access-web-too-many" : "access-web-link-unknown");
    }
    if (!(await withinLimit(`person:${holder.botId}:${holder.telegramId}`, SIGN_IN_LIMITS.perPerson))) {
      return refuse(context.translator, request, reply, 429, "access-web-too-many");
    }
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
      const refused = async (status: number, key: string) => {
        const answered = await failed(request, status);
        return page(answered, answered === 429 ? "access-web-too-many" : key);
      };
      const bot = context.bots.find((candidate) => candidate.id === request.params.botId);
      if (bot === undefined) return refused(404, "access-web-login-unknown-bot");
      const query = Object.fromEntries(Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
      const checked = validateLoginUrl(query, bot.token);
      if (!checked.ok) return refused(401, checked.reason === "too-old" ? "access-web-telegram-too-old" : "access-web-telegram-bad");
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
    const checks = context.bots.map((bot) => ({ bot, result: validateInitData(input.initData, bot.token) }));
    const valid = checks.find((check): check is { bot: (typeof checks)[number]["bot"]; result: Extract<TelegramLoginResult, { ok: true }> } => check.result.ok);
    if (valid === undefined) {
      const tooOld = checks.some((check) => !check.result.ok && check.result.reason === "too-old");
      const status = await failed(request, 401);
      return refuse(context.translator, request, reply, status, status === 429 ? "access-web-too-many" : tooOld ? "access-web-telegram-too-old" : "access-web-telegram-bad");
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
