/** Shared helpers for the emulator tests: start an emulator, call the Bot API and the control API over HTTP. */
import { after } from "node:test";
import { createBotApiEmulator, type BotApiEmulator, type EmulatorOptions } from "../../src/sandbox/emulator.ts";

export const TOKEN = "123456:test-secret";
export const BOT_ID = 123456;

export interface ApiReply<T = unknown> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

export async function startEmulator(options?: EmulatorOptions): Promise<{ emu: BotApiEmulator; url: string }> {
  const emu = createBotApiEmulator(options);
  const url = await emu.listen(0, "127.0.0.1");
  after(() => emu.close());
  return { emu, url };
}

/** Calls a Bot API method with a JSON body. */
export async function api<T = unknown>(url: string, method: string, params: Record<string, unknown> = {}, token = TOKEN, signal?: AbortSignal): Promise<ApiReply<T>> {
  const res = await fetch(`${url}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
    ...(signal !== undefined ? { signal } : {}),
  });
  const body = (await res.json()) as ApiReply<T>;
  if (!body.ok && res.status !== body.error_code) throw new Error(`HTTP status ${res.status} differs from error_code ${body.error_code}`);
  return body;
}

/** Calls a Bot API method and returns its result, failing on an error reply. */
export async function ok<T = unknown>(url: string, method: string, params: Record<string, unknown> = {}, token = TOKEN): Promise<T> {
  const reply = await api<T>(url, method, params, token);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.description}`);
  return reply.result as T;
}

/** Calls the control API over HTTP. */
export async function control<T = unknown>(url: string, method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}/control/${path}`, {
    method,
    ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A 1x1 PNG. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** Waits until `check` returns true (polling every 10 ms; gives up after 5 s so a bug fails instead of hanging). */
export async function until(check: () => boolean | Promise<boolean>, what = "condition"): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** The header of a lossless WebP of the given size: enough for a sticker's type and dimensions. */
export function webpHeader(width: number, height: number): Buffer {
  const bits = Buffer.alloc(4);
  bits.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14));
  const chunk = Buffer.concat([Buffer.from("VP8L"), Buffer.from([5, 0, 0, 0, 0x2f]), bits, Buffer.alloc(1)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + chunk.length);
  return Buffer.concat([Buffer.from("RIFF"), size, Buffer.from("WEBP"), chunk]);
}

/** The start of an MPEG-4 file (an ftyp box): a video to the emulator, which never decodes one. */
export const TINY_MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(12)]);
