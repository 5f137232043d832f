import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { ApiContext } from "../../../platform/module.ts";
import { DEFAULT_LOCALE, localeOf, type Locale, type TranslationArgs } from "../../../platform/i18n/translator.ts";

/** The first language of the request's Accept-Language the catalogues speak, else English. */
export function localeOfRequest(request: FastifyRequest): Locale {
  const header = request.headers["accept-language"] ?? "";
  for (const part of header.split(",")) {
    const locale = localeOf(part.split(";")[0]?.trim());
    if (locale !== undefined) return locale;
  }
  return DEFAULT_LOCALE;
}

/** A text of the catalogues in the language of the person behind the request. */
export function textFor(context: ApiContext, request: FastifyRequest, key: string, args?: TranslationArgs): string {
  return context.translator.translate(request.session?.botId, localeOfRequest(request), key, args);
}

/** Answers `{ error }` with a catalogue text in the request's language. */
export function refuse(context: ApiContext, request: FastifyRequest, reply: FastifyReply, status: number, key: string, args?: TranslationArgs): FastifyReply {
  return reply.code(status).send({ error: textFor(context, request, key, args) });
}

/**
 * Checks input against a schema; on failure answers 400 with the first problem, in the
 * request's language, and returns undefined so the route stops there.
 */
export function parseInput<Schema extends z.ZodType>(
  context: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  schema: Schema,
  value: unknown,
): z.infer<Schema> | undefined {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") ?? "";
  void refuse(context, request, reply, 400, "access-web-bad-input", { field: field === "" ? "-" : field });
  return undefined;
}
