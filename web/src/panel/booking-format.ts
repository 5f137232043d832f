/** How the panel's booking pages write statuses, money and visit times. */

export type BookingStatus = "pending" | "confirmed" | "done" | "no_show" | "cancelled";

export const STATUS_TEXT: Record<BookingStatus, string> = { pending: "Awaiting payment", confirmed: "Confirmed", done: "Done", no_show: "No-show", cancelled: "Cancelled" };

/** A price from integer minor units, the amount reaching Intl as a decimal string (never a float). */
export function formatPrice(priceMinor: number, currency: string): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const units = String(Math.abs(priceMinor)).padStart(digits + 1, "0");
  const decimal = `${priceMinor < 0 ? "-" : ""}${digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`}`;
  return format.format(decimal as Intl.StringNumericLiteral);
}

/** A visit's start on the location's wall clock: "Mon, 2 Mar 2026, 10:00". */
export function formatVisit(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}
