import type { Api } from "grammy";

/** Any Bot API method by name, as the outbox stores it. */
export async function callRaw(api: Api | undefined, method: string, payload: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
  if (api === undefined) throw new Error("no such bot");
  const raw = api.raw as unknown as Record<string, (payload: unknown, signal?: AbortSignal) => Promise<unknown>>;
  const call = raw[method];
  if (call === undefined) throw new Error(`unknown Bot API method ${method}`);
  return call(payload, signal);
}
