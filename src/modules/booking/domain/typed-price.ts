import { minorDigits } from "./display.ts";

/**
 * A price typed by a person ("35", "35.50", "35,5") in integer minor units of `currency`, or
 * undefined when it is not one: no sign, no more decimals than the currency has. The digits are
 * joined as text, so no float ever stands for money.
 */
export function priceFromTyped(typed: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(typed.trim().replace(/\s/g, ""));
  if (match === null) return undefined;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return undefined;
  return Number(`${match[1]}${fraction.padEnd(digits, "0")}`);
}
