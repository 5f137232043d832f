import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { guardFormula } from "./formula-guard.ts";
import type { TableCell, TableFormat } from "./table-format.ts";

export interface Table {
  /** The sheet's name in an XLSX file (at most 31 characters). */
  sheet: string;
  header: readonly string[];
  rows: AsyncIterable<readonly TableCell[]> | Iterable<readonly TableCell[]>;
}

/** Rows written between looks at the consumer: a slow download then holds the export back. */
const ROWS_PER_LOOK = 500;

function csvOf(table: Table): Readable {
  // A byte-order mark, so spreadsheet programs read UTF-8 (Cyrillic names) as UTF-8; CRLF as RFC 4180 says.
  const csv = stringify({ bom: true, record_delimiter: "windows", cast: { string: guardFormula, date: (value) => value.toISOString(), boolean: (value) => (value ? "true" : "false") } });
  const rows = async function* () {
    yield table.header;
    yield* table.rows;
  };
  Readable.from(rows()).pipe(csv);
  return csv;
}

function xlsxOf(table: Table): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31));
  void (async () => {
    sheet.addRow([...table.header]).commit();
    let written = 0;
    for await (const row of table.rows) {
      // Strings are written as text cells, never as formulas; the guard is for the CSV a user may save it as.
      sheet.addRow(row.map((cell) => (typeof cell === "string" ? guardFormula(cell) : (cell ?? null)))).commit();
      if (++written % ROWS_PER_LOOK === 0 && out.writableNeedDrain) await once(out, "drain");
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/**
 * A table as a CSV or XLSX file, streamed: rows are read from `table.rows` as the file is sent,
 * so a 200,000-row export never sits in memory whole. Texts that a spreadsheet would run as a
 * formula are defused (see `guardFormula`).
 */
export function writeTable(format: TableFormat, table: Table): Readable {
  return format === "csv" ? csvOf(table) : xlsxOf(table);
}
