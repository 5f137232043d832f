import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import type { TableFormat } from "./table-format.ts";

/** A file with more rows than the reader allows. */
export class TableTooLarge extends Error {
  override name = "TableTooLarge";
  readonly maxRows: number;
  constructor(maxRows: number) {
    super(`the table has more than ${maxRows} rows`);
    this.maxRows = maxRows;
  }
}

/** What a cell of an uploaded workbook says, as text: a formula's last result, a link's text, a moment in ISO 8601. */
function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return textOf((value as ExcelJS.CellFormulaValue).result);
  if ("text" in value) return String(value.text);
  if ("error" in value) return String(value.error);
  return "";
}

async function* csvRows(input: Readable): AsyncGenerator<string[]> {
  // bom: a file saved by a spreadsheet program starts with one; relax_column_count: short rows are common.
  yield* input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true })) as AsyncIterable<string[]>;
}

async function* xlsxRows(input: Readable): AsyncGenerator<string[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "cache", entries: "ignore" });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      // Styles are read to tell dates (numbers with a date format) from numbers; row.values is 1-based, with holes.
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      yield Array.from(values, (value) => textOf(value));
    }
    return; // the first sheet is the table
  }
}

/**
 * The rows of an uploaded CSV or XLSX file (its first sheet), header included, each cell as
 * text, streamed. More than `maxRows` rows throws `TableTooLarge`, before the rest is read.
 */
export async function* readTable(format: TableFormat, input: Readable, limits: { maxRows: number }): AsyncGenerator<string[]> {
  let count = 0;
  for await (const row of format === "csv" ? csvRows(input) : xlsxRows(input)) {
    if (++count > limits.maxRows) {
      input.destroy();
      throw new TableTooLarge(limits.maxRows);
    }
    yield row;
  }
}
