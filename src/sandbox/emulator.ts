/**
 * The Bot API emulator: a real HTTP server that answers like Telegram's Bot API
 * (`/bot<token>/<method>`, `/file/bot<token>/<path>`) and serves the control API under
 * `/control/` (see control.ts). Use its URL as grammY's `client.apiRoot`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BotApi, Params } from "./bot-api.ts";
import type { EmulatorControl } from "./control.ts";
import { Control, handleControlRequest } from "./control-api.ts";
import { ApiError } from "./errors.ts";
import { Faults } from "./faults.ts";
import { parseRequest } from "./http-body.ts";
import { RateLimits } from "./rate-limits.ts";
import { Store } from "./state.ts";
import { Webhooks } from "./webhook.ts";

export type { EmulatorControl } from "./control.ts";

export interface EmulatorOptions {
  logger?: { warn(obj: object, msg?: string): void };
  /** How long `pay` waits for answerPreCheckoutQuery (Telegram: 10 s). */
  preCheckoutTimeoutMs?: number;
  /** Clock for message dates and rate limits (ms since the epoch); timeouts use real time. */
  clock?: () => number;
}

export interface BotApiEmulator {
  /** Starts listening; returns the base URL like http://127.0.0.1:PORT. Use as grammY apiRoot. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly url: string;
  /** The same operations as the HTTP control API, in-process, typed (for tests). */
  readonly control: EmulatorControl;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  send(res, error.code, {
    ok: false,
    error_code: error.code,
    description: error.description,
    ...(error.retryAfter !== undefined ? { parameters: { retry_after: error.retryAfter } } : {}),
  });
}

const DESCRIPTIONS: Record<string, string> = {
  setWebhook: "Webhook was set",
  deleteWebhook: "Webhook was deleted",
};

export function createBotApiEmulator(options: EmulatorOptions = {}): BotApiEmulator {
  const store = new Store(options.clock);
  const closing = new AbortController();
  const faults = new Faults();
  const limits = new RateLimits(store);
  const webhooks = new Webhooks({
    store,
    closing: closing.signal,
    logger: options.logger,
    executeReply: async (bot, method, params) => {
      await botApi.call(bot, method, new Params(params), closing.signal);
    },
  });
  const botApi = new BotApi({ store, faults, limits, webhooks, closing: closing.signal });
  store.onUpdateQueued = (bot) => {
    botApi.wakePoll(bot);
    webhooks.kick(bot);
  };
  const control = new Control({ store, faults, limits, preCheckoutTimeoutMs: options.preCheckoutTimeoutMs ?? 10_000 });

  let server: Server | undefined;
  let baseUrl: string | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    // Aborted when the client goes away before we answered (long polls must stop then).
    const aborter = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborter.abort();
    });
    const signal = AbortSignal.any([aborter.signal, closing.signal]);
    if (url.pathname === "/control" || url.pathname.startsWith("/control/")) {
      await handleControlRequest(control, req, res, url, signal);
      return;
    }
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file !== null) {
      try {
        store.authenticate(decodeURIComponent(file[1] ?? ""));
      } catch (error) {
        if (error instanceof ApiError) return sendError(res, error);
        throw error;
      }
      const record = store.fileByPath(decodeURIComponent(file[2] ?? ""));
      if (record === undefined) return sendError(res, new ApiError(404, "Not Found"));
      res.writeHead(200, { "content-type": record.mime_type, "content-length": record.bytes.length });
      res.end(record.bytes);
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (m === null) return sendError(res, new ApiError(404, "Not Found"));
    try {
      const bot = store.authenticate(decodeURIComponent(m[1] ?? ""));
      let parsed;
      try {
        parsed = await parseRequest(req, url);
      } catch {
        throw new ApiError(400, "Bad Request: can't parse request body");
      }
      const method = m[2] ?? "";
      const result = await botApi.call(bot, method, new Params(parsed.params, parsed.files), signal);
      const canonical = botApi.canonical(method) ?? method;
      const description = DESCRIPTIONS[canonical];
      send(res, 200, description !== undefined ? { ok: true, result, description } : { ok: true, result });
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error);
      options.logger?.warn({ err: error, path: url.pathname }, "emulator: internal error");
      sendError(res, new ApiError(500, "Internal Server Error"));
    }
  }

  const emulator: BotApiEmulator = {
    control,
    get url(): string {
      if (baseUrl === undefined) throw new Error("the emulator is not listening: call listen() first");
      return baseUrl;
    },
    async listen(port = 0, host = "127.0.0.1"): Promise<string> {
      if (server !== undefined) throw new Error("the emulator is already listening");
      const s = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
          options.logger?.warn({ err: error }, "emulator: request failed");
          if (!res.headersSent && !res.destroyed) send(res, 500, { error: "internal error" });
          else res.destroy();
        });
      });
      s.keepAliveTimeout = 5_000;
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(port, host, () => {
          s.off("error", reject);
          resolve();
        });
      });
      const address = s.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      baseUrl = `http://${shownHost}:${address.port}`;
      return baseUrl;
    },
    async close(): Promise<void> {
      closing.abort();
      store.close();
      const s = server;
      if (s !== undefined) {
        const closed = new Promise<void>((resolve) => s.close(() => resolve()));
        s.closeIdleConnections();
        // Give answered long polls a moment to flush, then drop whatever is left.
        setImmediate(() => s.closeAllConnections());
        await closed;
      }
      await webhooks.closed();
    },
  };
  return emulator;
}
