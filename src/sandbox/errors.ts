/** Errors the emulator answers with: Bot API errors (Telegram's envelope) and control API errors. */

/** A Bot API error, answered as `{ ok: false, error_code, description, parameters? }`. */
export class ApiError extends Error {
  readonly code: number;
  readonly description: string;
  readonly retryAfter: number | undefined;
  constructor(code: number, description: string, retryAfter?: number) {
    super(description);
    this.code = code;
    this.description = description;
    this.retryAfter = retryAfter;
  }
}

export function badRequest(what: string): ApiError {
  return new ApiError(400, `Bad Request: ${what}`);
}

export function tooManyRequests(retryAfter: number): ApiError {
  return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
}

export const BLOCKED = "Forbidden: bot was blocked by the user";

/** A control API error, answered as `{ error }` with a 4xx status. */
export class ControlError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
