import { createHash, createHmac } from "node:crypto";
import { constantTimeEqual } from "./secrets.ts";

/** How old Telegram's signed login data may be (its `auth_date`). */
export const TELEGRAM_LOGIN_MAX_AGE_MS = 5 * 60 * 1000;

export type TelegramLoginResult = { ok: true; telegramId: number } | { ok: false; reason: "malformed" | "bad-hash" | "too-old" };

function dataCheckString(fields: URLSearchParams): string {
  return [...fields.entries()]
    .filter(([key]) => key !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

function check(fields: URLSearchParams, secretKey: Buffer, telegramId: number | undefined, now: Date, maxAgeMs: number): TelegramLoginResult {
  const hash = fields.get("hash");
  const authDate = Number(fields.get("auth_date"));
  if (hash === null || !Number.isInteger(authDate) || telegramId === undefined || !Number.isSafeInteger(telegramId)) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", secretKey).update(dataCheckString(fields)).digest("hex");
  if (!constantTimeEqual(expected, hash.toLowerCase())) return { ok: false, reason: "bad-hash" };
  if (now.getTime() - authDate * 1000 > maxAgeMs) return { ok: false, reason: "too-old" };
  return { ok: true, telegramId };
}

/**
 * Validates a Mini App's `initData` (a query string signed by Telegram): HMAC-SHA256 keyed by
 * HMAC-SHA256("WebAppData", bot token), compared in constant time, `auth_date` fresh.
 */
export function validateInitData(initData: string, botToken: string, now: Date = new Date(), maxAgeMs = TELEGRAM_LOGIN_MAX_AGE_MS): TelegramLoginResult {
  const fields = new URLSearchParams(initData);
  let telegramId: number | undefined;
  try {
    const user = JSON.parse(fields.get("user") ?? "null") as { id?: unknown } | null;
    telegramId = typeof user?.id === "number" ? user.id : undefined;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const secretKey = createHmac("sha256", "WebAppData").update(botToken).digest();
  return check(fields, secretKey, telegramId, now, maxAgeMs);
}

/**
 * Validates the query a `login_url` button (or the Login Widget) brings: HMAC-SHA256 keyed by
 * SHA-256 of the bot token over the sorted fields, `auth_date` fresh.
 */
export function validateLoginUrl(query: Record<string, string>, botToken: string, now: Date = new Date(), maxAgeMs = TELEGRAM_LOGIN_MAX_AGE_MS): TelegramLoginResult {
  const fields = new URLSearchParams(query);
  const secretKey = createHash("sha256").update(botToken).digest();
  return check(fields, secretKey, Number(fields.get("id")), now, maxAgeMs);
}

/** Signs fields the way Telegram does (the emulator and tests use it). */
export function signTelegramLogin(fields: Record<string, string>, botToken: string, kind: "init-data" | "login-url"): string {
  const params = new URLSearchParams(fields);
  const secretKey =
    kind === "init-data" ? createHmac("sha256", "WebAppData").update(botToken).digest() : createHash("sha256").update(botToken).digest();
  params.set("hash", createHmac("sha256", secretKey).update(dataCheckString(params)).digest("hex"));
  return params.toString();
}
