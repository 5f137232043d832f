/**
 * How long a 429 or 503 asks to wait, in milliseconds: OpenAI's `retry-after-ms`, else
 * `retry-after` in seconds or as an HTTP date; undefined when neither says.
 */
export function retryAfterMs(headers: Headers, now: Date): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.has("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
