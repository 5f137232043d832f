import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { listSessions, type SessionSummary } from "../../../platform/auth/sessions.ts";
import { actorOf, requires } from "../../../platform/http/route-guard.ts";
import type { ApiContext } from "../../../platform/module.ts";
import { modulesEnabledIn } from "../../../platform/settings/enabled-modules.ts";
import { deviceOf } from "../domain/device.ts";
import { endAllSessions } from "../commands/end-all-sessions.ts";
import { endSession } from "../commands/end-session.ts";
import { addresseesOf, nameOf } from "../queries/people.ts";
import type { AccessTables } from "../tables.ts";
import { panelLanguageOfRequest, parseInput, refuse, textFor } from "../../../platform/http/answers.ts";
import { PANEL_LOCALES } from "../../../platform/i18n/panel-catalogues.ts";
import { choosePanelLanguage } from "../commands/choose-panel-language.ts";
import { answerOutcome } from "./refusals.ts";

/** A session as the panel shows it: the device in words, and whether it is this very one. */
export interface SessionListing extends SessionSummary {
  device: string | null;
  current: boolean;
}

/** Who the signed-in person is (GET /api/me) and their panel language (PUT /api/me/language), and their sessions: list, end one, end all; everyone's for admins. */
export function sessionRoutes(app: FastifyInstance, context: ApiContext<AccessTables>): void {
  const db = context.database.db;
  const listing = (sessions: SessionSummary[], currentId: number): SessionListing[] =>
    sessions.map((session) => ({ ...session, device: deviceOf(session.userAgent) ?? null, current: session.id === currentId }));

  app.get("/api/me", { config: { access: "signed-in" } }, async (request) => {
    const session = request.session!;
    return {
      botId: session.botId,
      telegramId: session.telegramId,
      // An owner configured by id has no name until they message the bot.
      name: await nameOf(db, session.telegramId, session.roles.includes("owner") ? textFor(context.translator, request, "access-owner-unmet") : undefined),
      roles: session.roles,
      permissions: context.permissions.of(session.roles),
      // The bot's enabled modules: the panel shows their pages only.
      modules: enabledModuleNames(context, session.botId),
      csrfToken: session.csrfToken,
      language: panelLanguageOfRequest(request),
      languages: PANEL_LOCALES,
    };
  });

  app.put("/api/me/language", { config: { access: "signed-in" } }, async (request, reply) => {
    const body = parseInput(context.translator, request, reply, z.object({ language: z.string().max(35) }), request.body);
    if (body === undefined) return reply;
    const result = await context.run(actorOf(request), choosePanelLanguage, { language: body.language });
    if (!result.ok && result.reason === "unknown-language") {
      return refuse(context.translator, request, reply, 400, "access-web-unknown-language", { language: body.language, languages: PANEL_LOCALES.join(", ") });
    }
    return answerOutcome(context, request, reply, result);
  });

  app.get("/api/sessions", { config: { access: "signed-in" } }, async (request) => {
    const session = request.session!;
    return { sessions: listing(await listSessions(db, session.botId, session.telegramId), session.id) };
  });

  app.get("/api/admin/sessions", requires("sessions.manage"), async (request) => {
    const session = request.session!;
    const sessions = listing(await listSessions(db, session.botId), session.id);
    const people = await addresseesOf(db, session.botId, [...new Set(sessions.map((row) => row.telegramId))]);
    return { sessions: sessions.map((row) => ({ ...row, name: people.find((person) => person.telegramId === row.telegramId)?.name ?? String(row.telegramId) })) };
  });

  app.post<{ Params: { id: string } }>("/api/sessions/:id/end", { config: { access: "signed-in" } }, async (request, reply) => {
    const params = parseInput(context.translator, request, reply, z.object({ id: z.coerce.number().int().positive() }), request.params);
    if (params === undefined) return reply;
    const result = await context.run(actorOf(request), endSession, { sessionId: params.id });
    return answerOutcome(context, request, reply, result);
  });

  app.post("/api/sessions/end-all", { config: { access: "signed-in" } }, async (request, reply) => {
    const session = request.session!;
    const result = await context.run(actorOf(request), endAllSessions, { telegramId: session.telegramId });
    return answerOutcome(context, request, reply, result);
  });
}

/** The names of the installed modules the bot has enabled. */
function enabledModuleNames(context: ApiContext, botId: string): string[] {
  return modulesEnabledIn(context.settings.of(botId).modules, context.modules).map((module) => module.name);
}
