import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer of the fake endpoint, used by the next request. */
export type FakeLlmAnswer =
  /** A completion whose content is this value as JSON (or this text, when a string). */
  | { reply: unknown; promptTokens?: number; completionTokens?: number; delayMs?: number }
  /** An error status, with `retry-after` (seconds) or OpenAI's `retry-after-ms` when given. */
  | { status: number; retryAfterSeconds?: number; retryAfterMs?: number; body?: string }
  /** The model declines (OpenAI's `refusal`). */
  | { refusal: string };

export interface FakeLlmRequest {
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; response_format?: { type: string; json_schema?: { name: string; schema: unknown } } };
  at: number;
}

/**
 * A local OpenAI-compatible endpoint (`POST /v1/chat/completions`) that answers from a script:
 * each test says what the next requests get (a valid reply, an invalid one, a slow one, a 429)
 * and reads back what was asked. A request past the script's end gets a 500.
 */
export interface FakeLlm {
  /** The base URL to configure, ending in /v1. */
  url: string;
  script(...answers: FakeLlmAnswer[]): void;
  readonly requests: FakeLlmRequest[];
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const queue: FakeLlmAnswer[] = [];
  const requests: FakeLlmRequest[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await bodyOf(request);
      if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      requests.push({ authorization: request.headers.authorization, body: JSON.parse(text) as FakeLlmRequest["body"], at: Date.now() });
      const answer = queue.shift();
      if (answer === undefined) {
        response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "the script has no more answers" } }));
        return;
      }
      if ("status" in answer) {
        response
          .writeHead(answer.status, { "content-type": "application/json", ...(answer.retryAfterSeconds === undefined ? {} : { "retry-after": String(answer.retryAfterSeconds) }), ...(answer.retryAfterMs === undefined ? {} : { "retry-after-ms": String(answer.retryAfterMs) }) })
          .end(answer.body ?? JSON.stringify({ error: { message: `scripted ${answer.status}` } }));
        return;
      }
      if ("delayMs" in answer && answer.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      const message = "refusal" in answer ? { role: "assistant", content: null, refusal: answer.refusal } : { role: "assistant", content: typeof answer.reply === "string" ? answer.reply : JSON.stringify(answer.reply) };
      const usage = "refusal" in answer ? { prompt_tokens: 10, completion_tokens: 2 } : { prompt_tokens: answer.promptTokens ?? 100, completion_tokens: answer.completionTokens ?? 20 };
      if (response.destroyed) return;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `chatcmpl-${requests.length}`, object: "chat.completion", choices: [{ index: 0, message, finish_reason: "stop" }], usage }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    script: (...answers) => void queue.push(...answers),
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
