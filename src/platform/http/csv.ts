import { guardFormula } from "../spreadsheets/formula-guard.ts";

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled;
 * a cell a spreadsheet would run as a formula is defused (`guardFormula`).
 */
export function csvCell(value: unknown): string {
  const text = guardFormula(value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: a header row and the rows, lines ended with CRLF as RFC 4180 says. */
export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
