import { join } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorOf } from "../http/route-guard.ts";
import { cataloguesIn } from "../i18n/catalogues.ts";
import { DEFAULT_LOCALE, isLocale, SUPPORTED_LOCALES, type Locale, type Translator } from "../i18n/translator.ts";
import { defineModule, type ApiContext } from "../module.ts";
import { parseInput, refuse, textFor } from "../http/answers.ts";
import { overrideText, resetText, textsOf, type TextRefusal } from "./texts.ts";

const access = { permission: "texts.edit" } as const;

/** Long enough for any message Telegram takes (4096 characters) written with markup. */
const TextBody = z.object({ text: z.string().max(8192) });
const TextsQuery = z.object({ locale: z.string().optional(), q: z.string().max(200).optional() });
const TextParams = z.object({ locale: z.string(), key: z.string().max(200) });

/** The refusal in the admin's language, with what to do about it. */
function refusalText(translator: Translator, request: FastifyRequest, key: string, refusal: TextRefusal): string {
  switch (refusal.kind) {
    case "unknown-key":
      return textFor(translator, request, "texts-unknown-key", { key });
    case "unknown-locale":
      return textFor(translator, request, "texts-unknown-locale", { locales: SUPPORTED_LOCALES.join(", ") });
    case "unknown-variable":
      return textFor(translator, request, "texts-problem-unknown-variable", {
        name: refusal.name,
        known: refusal.known.length === 0 ? "—" : refusal.known.map((name) => `{ $${name} }`).join(", "),
      });
    default: {
      const { kind, ...args } = refusal;
      return textFor(translator, request, `texts-problem-${kind}`, args);
    }
  }
}

function localeOr400(translator: Translator, request: FastifyRequest, reply: FastifyReply, locale: string): Locale | undefined {
  if (isLocale(locale)) return locale;
  void refuse(translator, request, reply, 400, "texts-unknown-locale", { locales: SUPPORTED_LOCALES.join(", ") });
  return undefined;
}

function textsApi(app: FastifyInstance, context: ApiContext): void {
  const { translator, settings } = context;
  const db = context.database.db;

  app.get("/api/texts", { config: { access } }, async (request, reply) => {
    const query = parseInput(translator, request, reply, TextsQuery, request.query);
    if (query === undefined) return reply;
    const locale = localeOr400(translator, request, reply, query.locale ?? DEFAULT_LOCALE);
    if (locale === undefined) return reply;
    const botId = actorOf(request).botId;
    return { locale, locales: SUPPORTED_LOCALES, texts: await textsOf(db, translator, botId, locale, query.q) };
  });

  app.put("/api/texts/:locale/:key", { config: { access } }, async (request, reply) => {
    const params = parseInput(translator, request, reply, TextParams, request.params);
    const body = params === undefined ? undefined : parseInput(translator, request, reply, TextBody, request.body);
    if (params === undefined || body === undefined) return reply;
    const locale = localeOr400(translator, request, reply, params.locale);
    if (locale === undefined) return reply;
    const defaultText = translator.source(locale, params.key);
    const outcome = await db.transaction().execute((trx) => overrideText(trx, actorOf(request), { ...params, text: body.text, defaultText }));
    if (!outcome.saved) return reply.code(400).send({ error: refusalText(translator, request, params.key, outcome.refusal) });
    // This replica at once; the others within their poll of the settings version.
    await settings.refresh();
    const warnings = outcome.unused.length === 0 ? [] : [textFor(translator, request, "texts-warning-unused", { names: outcome.unused.map((name) => `{ $${name} }`).join(", ") })];
    return { key: params.key, locale, default: defaultText, override: outcome.text, warnings };
  });

  app.delete("/api/texts/:locale/:key", { config: { access } }, async (request, reply) => {
    const params = parseInput(translator, request, reply, TextParams, request.params);
    if (params === undefined) return reply;
    const locale = localeOr400(translator, request, reply, params.locale);
    if (locale === undefined) return reply;
    const defaultText = translator.source(locale, params.key);
    if (defaultText === undefined) return refuse(translator, request, reply, 400, "texts-unknown-key", { key: params.key });
    await db.transaction().execute((trx) => resetText(trx, actorOf(request), { locale, key: params.key }));
    await settings.refresh();
    return { key: params.key, locale, default: defaultText, override: null, warnings: [] };
  });
}

/**
 * The panel's Texts page: every catalogue text of the bot, with per-bot overrides edited by
 * admins and live on every replica without a restart. Also holds the panel's catalogue (the
 * messages of the texts, settings and backups pages' API).
 */
export const textsFeature = defineModule({
  name: "texts",
  catalogues: cataloguesIn(join(import.meta.dirname, "locales")),
  api: textsApi,
});
