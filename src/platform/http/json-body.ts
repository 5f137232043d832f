import type { FastifyInstance } from "fastify";

/**
 * How deep a JSON body may nest: far beyond any Bot API update or panel form, and far below
 * what recursive code (JSON.stringify, validators) survives before the stack runs out.
 */
export const MAX_JSON_DEPTH = 100;

/** JSON bodies as Fastify parses them (prototype poisoning refused), but too deep a nesting is a 400. */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = body as string;
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 }), undefined);
      return;
    }
    void parse(request, text, done);
  });
}

/** Whether the brackets of JSON text nest deeper than `limit`, without parsing it (strings skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}
