import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { actorOf } from "../http/route-guard.ts";
import { SUPPORTED_LOCALES } from "../i18n/translator.ts";
import { defineModule, type ApiContext } from "../module.ts";
import { parseInput, textFor } from "../http/answers.ts";
import { savedSettings, timeZones, updateSettings } from "./bot-settings.ts";
import { modulesEnabledIn } from "./enabled-modules.ts";

const access = { permission: "settings.edit" } as const;

const SettingsBody = z.object({
  timeZone: z.string().max(64),
  languages: z.array(z.string().max(16)).max(20),
  modules: z.array(z.string().max(64)).max(100).nullable(),
  staffMayApply: z.boolean(),
  noteMarker: z.string().max(64).optional(),
  anonymousStaff: z.boolean().optional(),
});

function settingsApi(app: FastifyInstance, context: ApiContext): void {
  const { translator } = context;
  const db = context.database.db;
  const installed = context.modules.map((module) => module.name);
  // What "every module" (settings naming none) enables: the opt-in ones are left out.
  const byDefault = modulesEnabledIn(null, context.modules).map((module) => module.name);

  const page = async (botId: string) => ({
    ...(await savedSettings(db, botId)),
    installedModules: installed,
    defaultModules: byDefault,
    // Each language named in itself, as the bot's /language offers it.
    supportedLanguages: SUPPORTED_LOCALES.map((code) => ({ code, name: translator.translate(botId, code, "language-name") })),
    timeZones: timeZones(),
  });

  app.get("/api/settings", { config: { access } }, (request) => page(actorOf(request).botId));

  app.put("/api/settings", { config: { access } }, async (request, reply) => {
    const body = parseInput(translator, request, reply, SettingsBody, request.body);
    if (body === undefined) return reply;
    const actor = actorOf(request);
    const outcome = await db.transaction().execute((trx) => updateSettings(trx, actor, { ...body, installed }));
    if (!outcome.saved) {
      const { kind, ...args } = outcome.refusal;
      const lists = { languages: SUPPORTED_LOCALES.join(", "), modules: installed.join(", ") || "—" };
      return reply.code(400).send({ error: textFor(translator, request, `settings-problem-${kind}`, { ...lists, ...args }) });
    }
    // This replica at once; the others within their poll of the settings version.
    await context.settings.refresh();
    return page(actor.botId);
  });
}

/**
 * The panel's bot settings: time zone, languages, enabled modules, whether strangers may apply
 * for staff access, and the note marker of work groups. Saved settings apply from the next update on every replica.
 */
export const botSettingsFeature = defineModule({ name: "bot-settings", api: settingsApi });
