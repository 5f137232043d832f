/** A browser's side of the panel's HTTP API, for tests: cookie or bearer, CSRF token, JSON. */
export class PanelClient {
  readonly url: string;
  /** Extra headers on every request (Accept-Language, X-Forwarded-For). */
  readonly headers: Record<string, string>;
  cookie: string | undefined;
  bearer: string | undefined;
  csrfToken: string | undefined;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.url = url;
    this.headers = headers;
  }

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { ...this.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.cookie !== undefined) headers.cookie = this.cookie;
    if (this.bearer !== undefined) headers.authorization = `Bearer ${this.bearer}`;
    if (method !== "GET" && this.csrfToken !== undefined) headers["x-csrf-token"] = this.csrfToken;
    return fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: "manual" });
  }

  /** The JSON of a request, with its status. */
  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await this.request(method, path, body);
    const text = await response.text();
    return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as T };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.json<T>("GET", path);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown = {}) {
    return this.json<T>("POST", path, body);
  }

  /** Posts a login link's token (what the Continue button does); keeps the cookie and reads the CSRF token. */
  async redeem(token: string): Promise<Response> {
    const response = await this.request("POST", "/api/auth/link", { token });
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith("botyard_session="));
    if (response.ok && cookie !== undefined) {
      this.cookie = cookie.split(";")[0];
      const me = await this.get<{ csrfToken: string }>("/api/me");
      this.csrfToken = me.body.csrfToken;
    }
    return response;
  }
}

/** The token in a login link (`.../login#token=...`). */
export function tokenOf(link: string): string {
  const token = new URL(link).hash.match(/token=([^&]+)/)?.[1];
  if (token === undefined) throw new Error(`no token in ${link}`);
  return token;
}
