import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 random bits, URL-safe: login links, session ids, bearer and feed tokens. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database keeps of a secret. A leaked table then opens nothing: SHA-256 of 256 random
 * bits needs no salt or slow hash, and lookups stay an index hit.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

/** Compares two strings without leaking, through timing, how much of them matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
