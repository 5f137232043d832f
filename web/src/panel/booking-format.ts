/** How the panel's booking pages write statuses, money and visit times, in the panel's language. */
import { panelLocale } from "./locale.ts";

export type BookingStatus = "pending" | "confirmed" | "done" | "no_show" | "cancelled";

/** The catalogue key of a booking status's name (`booking-status-no_show`). */
export const statusKey = (status: BookingStatus): string => `booking-status-${status}`;

/** A price from integer minor units, the amount reaching Intl as a decimal string (never a float). */
export function formatPrice(priceMinor: number, currency: string, locale = panelLocale()): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const units = String(Math.abs(priceMinor)).padStart(digits + 1, "0");
  const decimal = `${priceMinor < 0 ? "-" : ""}${digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`}`;
  return format.format(decimal as Intl.StringNumericLiteral);
}

/** A visit's start on the location's wall clock: "Mon, 2 Mar 2026, 10:00" (24-hour clock in every language). */
export function formatVisit(iso: string, timeZone: string, locale = panelLocale()): string {
  return new Intl.DateTimeFormat(locale, { hourCycle: "h23", timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

/** How many digits after the point a currency's minor units take (2 for EUR, 0 for JPY). */
export function minorDigitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as the decimal an admin edits: 3500 EUR -> "35.00". */
export function priceText(priceMinor: number, currency: string): string {
  const digits = minorDigitsOf(currency);
  const units = String(priceMinor).padStart(digits + 1, "0");
  return digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

/** A typed price ("35", "35.5", "35,50") in minor units, by its digits (never through a float); undefined when it is not a price. */
export function parsePrice(text: string, currency: string): number | undefined {
  const digits = minorDigitsOf(currency);
  const match = /^(\d{1,12})(?:[.,](\d*))?$/.exec(text.trim());
  if (match === null || (match[2] ?? "").length > digits) return undefined;
  return Number(`${match[1]}${(match[2] ?? "").padEnd(digits, "0")}`);
}
