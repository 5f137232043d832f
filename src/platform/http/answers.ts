import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { unstorableTextAt } from "../domain/storable-text.ts";
import { acceptedLanguages, panelLanguageOf } from "../i18n/panel-language.ts";
import { DEFAULT_LOCALE, isLocale, localeOf, type Locale, type TranslationArgs, type Translator } from "../i18n/translator.ts";

/** The signed-in person's panel language (undefined before sign-in), the browser's standing in for what Telegram did not say. */
export function panelLanguageOfRequest(request: FastifyRequest): string | undefined {
  const facts = request.session?.panelLanguage;
  return facts === undefined ? undefined : panelLanguageOf(facts, acceptedLanguages(request.headers["accept-language"]));
}

/**
 * The language to answer a request in: the signed-in person's panel language, so errors read in
 * the language of the page they are on; before sign-in (or for a panel language the bot's
 * catalogues lack) the first of Accept-Language the catalogues speak, else English.
 */
export function localeOfRequest(request: FastifyRequest): Locale {
  const panelLanguage = panelLanguageOfRequest(request);
  if (isLocale(panelLanguage)) return panelLanguage;
  for (const part of (request.headers["accept-language"] ?? "").split(",")) {
    const locale = localeOf(part.split(";")[0]?.trim());
    if (locale !== undefined) return locale;
  }
  return DEFAULT_LOCALE;
}

/** A catalogue text in the language of the person behind the request (with their bot's overrides). */
export function textFor(translator: Translator, request: FastifyRequest, key: string, args?: TranslationArgs): string {
  return translator.translate(request.session?.botId, localeOfRequest(request), key, args);
}

/** Answers `{ error }` with a catalogue text in the request's language. */
export function refuse(translator: Translator, request: FastifyRequest, reply: FastifyReply, status: number, key: string, args?: TranslationArgs): FastifyReply {
  return reply.code(status).send({ error: textFor(translator, request, key, args) });
}

/**
 * Checks a body or query against a schema, and that its text is text the database can keep. On
 * failure it answers 400 naming the first field in trouble, in the request's language, and
 * returns undefined so the route stops there.
 */
export function parseInput<Schema extends z.ZodType>(
  translator: Translator,
  request: FastifyRequest,
  reply: FastifyReply,
  schema: Schema,
  value: unknown,
): z.infer<Schema> | undefined {
  const parsed = schema.safeParse(value ?? {});
  let field: string;
  if (parsed.success) {
    const unstorable = unstorableTextAt(parsed.data);
    if (unstorable === undefined) return parsed.data;
    field = unstorable;
  } else {
    field = parsed.error.issues[0]?.path.join(".") ?? "";
  }
  void refuse(translator, request, reply, 400, "panel-bad-input", { field: field === "" ? "-" : field });
  return undefined;
}
