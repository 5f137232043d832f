/** The signed-in person, as GET /api/me answers. */
export interface Me {
  botId: string;
  telegramId: number;
  name: string;
  roles: string[];
  permissions: string[];
  /** The bot's enabled modules; a page of a module switched off is not shown. */
  modules: string[];
  /** Sent back in `x-csrf-token` on every write of a cookie session. */
  csrfToken: string;
  /** The panel's language for them: their choice, else their Telegram language, else the bot's. */
  language: string;
  /** Every language the panel speaks. */
  languages: string[];
}

export class ApiError extends Error {
  readonly status: number;
  /** The whole answer, for refusals that carry more than a message (the bookings a time off hits). */
  readonly data: unknown;
  constructor(status: number, message: string, data?: unknown) {
    super(message);
    this.status = status;
    this.data = data;
  }
}

let csrfToken: string | undefined;
// A Mini App inside Telegram Web runs in a cross-site frame where cookies are not sent.
const BEARER_KEY = "botyard-bearer";

export function rememberCsrfToken(token: string): void {
  csrfToken = token;
}

export function rememberBearer(token: string | undefined): void {
  if (token === undefined) sessionStorage.removeItem(BEARER_KEY);
  else sessionStorage.setItem(BEARER_KEY, token);
}

/**
 * Calls the app's HTTP API: JSON in and out, the session's cookie or bearer token, the CSRF
 * header on writes. A non-2xx answer throws an ApiError with the server's message.
 */
export async function api<T>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken !== undefined) headers["x-csrf-token"] = csrfToken;
  const bearer = sessionStorage.getItem(BEARER_KEY);
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  const response = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const data: unknown = text === "" ? undefined : JSON.parse(text);
  if (!response.ok) {
    const message = typeof data === "object" && data !== null && "error" in data ? String(data.error) : response.statusText;
    throw new ApiError(response.status, message, data);
  }
  return data as T;
}

/** Navigates inside the panel without reloading the page. */
export function navigate(path: string): void {
  window.history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}
