/** The spreadsheet formats the platform reads and writes. */
export type TableFormat = "csv" | "xlsx";

export const TABLE_FORMATS: readonly TableFormat[] = ["csv", "xlsx"];

/** What a download of each format is sent as. */
export const TABLE_CONTENT_TYPES: Record<TableFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** One cell: text, a number, a yes/no, a moment, or nothing. */
export type TableCell = string | number | boolean | Date | null | undefined;

export function isTableFormat(value: unknown): value is TableFormat {
  return value === "csv" || value === "xlsx";
}
