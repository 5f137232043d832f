/**
 * Sandbox mode only: forwards every request under `/sandbox/` to the Bot API emulator with the
 * `/sandbox` prefix stripped (`/sandbox/control/state` -> `<emulator>/control/state`), so the
 * Playground page talks to the emulator through the app's own origin. Method, query string, body
 * and content type go upstream as they came; status, the headers that describe the body, and the
 * body (streamed) come back. A client that goes away aborts the upstream request, so a
 * long-polling transcript read ends with the page that asked for it.
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Response headers passed back to the browser; hop-by-hop and connection headers are not. */
const FORWARDED_RESPONSE_HEADERS = ["content-type", "content-length", "content-disposition", "cache-control", "last-modified", "etag"];

/** Uploads (a photo as base64 JSON) can be larger than an app's default body limit. */
const BODY_LIMIT = 32 * 1024 * 1024;

export function registerSandboxProxy(app: FastifyInstance, emulatorUrl: string): void {
  const base = emulatorUrl.replace(/\/+$/, "");
  // An encapsulated plugin, so the raw-body parser applies to these routes only.
  void app.register((instance, _opts, done) => {
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_request, body, next) => {
      next(null, body);
    });
    const handler = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => forward(base, request, reply);
    // Sandbox mode only: the Playground is the emulator's user interface, with no real people behind it.
    instance.all("/sandbox", { config: { access: "public" } }, handler);
    instance.all("/sandbox/*", { config: { access: "public" } }, handler);
    done();
  });
}

async function forward(base: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const target = base + (request.url.replace(/^\/sandbox/, "") || "/");
  const upstream = new AbortController();
  reply.raw.on("close", () => {
    if (!reply.raw.writableFinished) upstream.abort();
  });
  const headers: Record<string, string> = {};
  const contentType = request.headers["content-type"];
  if (contentType !== undefined) headers["content-type"] = contentType;
  const accept = request.headers["accept"];
  if (accept !== undefined) headers["accept"] = accept;
  const body = Buffer.isBuffer(request.body) && request.method !== "GET" && request.method !== "HEAD" ? request.body : undefined;

  let response: Response;
  try {
    response = await fetch(target, {
      method: request.method,
      headers,
      ...(body !== undefined ? { body: new Uint8Array(body) } : {}),
      signal: upstream.signal,
      redirect: "manual",
    });
  } catch (error) {
    if (upstream.signal.aborted) return reply;
    request.log.warn({ err: error, target }, "sandbox proxy: emulator unreachable");
    return reply.code(502).send({ error: "the sandbox emulator is unreachable" });
  }

  reply.code(response.status);
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) reply.header(name, value);
  }
  if (response.body === null) return reply.send();
  const stream = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  // An aborted upstream ends the stream with an error; the client is gone then, nothing to report.
  stream.on("error", () => undefined);
  return reply.send(stream);
}
