import type { RunningApp } from "../../src/main.ts";
import { startSession } from "../../src/platform/auth/sessions.ts";

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** The panel's HTTP API as a signed-in browser calls it: session cookie, CSRF header on writes. */
export interface SignedInClient {
  get<T = Record<string, unknown>>(path: string, options?: { language?: string }): Promise<Answer<T>>;
  send<T = Record<string, unknown>>(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown, options?: { csrf?: boolean; language?: string }): Promise<Answer<T>>;
  /** The cookie header, for a browser context or a raw fetch. */
  cookie: string;
}

/**
 * Signs `telegramId` in to the app's panel the way a redeemed login link would: a cookie session
 * in the database. `language` goes out as Accept-Language.
 */
export async function signIn(app: Pick<RunningApp, "url" | "database">, telegramId: number, options: { botId?: string; language?: string } = {}): Promise<SignedInClient> {
  const session = await startSession(app.database.db, { botId: options.botId ?? "main", telegramId, kind: "cookie", via: "test", userAgent: "test", ip: null });
  const cookie = `botyard_session=${session.secret}`;
  const call = async <T>(method: string, path: string, body: unknown, csrf: boolean, language = options.language): Promise<Answer<T>> => {
    const headers: Record<string, string> = { cookie, "accept-language": language ?? "en" };
    if (csrf) headers["x-csrf-token"] = session.csrfToken;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    return { status: response.status, body: (type.includes("json") && text !== "" ? JSON.parse(text) : text) as T, headers: response.headers };
  };
  return {
    cookie,
    get: (path, getOptions) => call("GET", path, undefined, false, getOptions?.language),
    send: (method, path, body, sendOptions) => call(method, path, body, sendOptions?.csrf ?? true, sendOptions?.language),
  };
}
