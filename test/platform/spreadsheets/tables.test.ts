import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, test } from "node:test";
import ExcelJS from "exceljs";
import { readTable, TableTooLarge } from "../../../src/platform/spreadsheets/read-table.ts";
import { writeTable, type Table } from "../../../src/platform/spreadsheets/write-table.ts";

const table: Table = {
  sheet: "Audit log",
  header: ["when", "who", "what", "amount"],
  rows: [
    [new Date("2026-12-02T10:00:00Z"), "Анна Петрова", "booking.cancel", 30],
    [new Date("2026-12-02T11:30:00Z"), '=HYPERLINK("http://evil")', 'said "hi", then left\nfor good', null],
  ],
};

/** A small RFC 4180 reader of its own, so the export is not read back by the library that wrote it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (quoted) cell += char;
    else if (char === ",") endCell();
    else if (char === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += char;
  }
  return rows;
}

describe("writing tables", () => {
  test("a CSV export is UTF-8 with a byte-order mark and CRLF lines, quoting what needs it, formulas defused", async () => {
    const bytes = await buffer(writeTable("csv", table));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.deepEqual(parseCsv(bytes.subarray(3).toString("utf8")), [
      ["when", "who", "what", "amount"],
      ["2026-12-02T10:00:00.000Z", "Анна Петрова", "booking.cancel", "30"],
      ["2026-12-02T11:30:00.000Z", `'=HYPERLINK("http://evil")`, 'said "hi", then left\nfor good', ""],
    ]);
  });

  test("an XLSX export opens as a workbook with the sheet, typed cells, and text where a formula was written", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await buffer(writeTable("xlsx", table))).buffer);
    const sheet = workbook.getWorksheet("Audit log");
    assert.ok(sheet !== undefined);
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ["when", "who", "what", "amount"]);
    assert.deepEqual(sheet.getRow(2).getCell(1).value, new Date("2026-12-02T10:00:00Z"));
    assert.equal(sheet.getRow(2).getCell(2).value, "Анна Петрова");
    assert.equal(sheet.getRow(2).getCell(4).value, 30);
    const formulaLike = sheet.getRow(3).getCell(2);
    assert.equal(formulaLike.type, ExcelJS.ValueType.String, "a text cell, never a formula");
    assert.equal(formulaLike.value, `'=HYPERLINK("http://evil")`);
  });

  test("rows are read as the file goes out: a generator of 20,000 rows is not drained before the first bytes", async () => {
    let produced = 0;
    const rows = function* () {
      for (let i = 0; i < 20_000; i++) {
        produced += 1;
        yield [i, `row ${i}`];
      }
    };
    const stream = writeTable("csv", { sheet: "Rows", header: ["n", "text"], rows: rows() });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    assert.ok(produced < 20_000, `${produced} rows produced before the first chunk`);
    stream.destroy();
  });
});

describe("reading tables", () => {
  test("a CSV upload reads back row by row, a spreadsheet's byte-order mark and short rows included", async () => {
    const file = Readable.from([Buffer.from("\ufeffname,phone\r\nАнна,+4915100000777\r\nBea\r\n")]);
    const rows = [];
    for await (const row of readTable("csv", file, { maxRows: 10 })) rows.push(row);
    assert.deepEqual(rows, [["name", "phone"], ["Анна", "+4915100000777"], ["Bea"]]);
  });

  test("an XLSX upload reads its first sheet as text: numbers, dates, a formula's result, rich text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Machines");
    sheet.addRow(["machine", "sales", "day", "total"]);
    sheet.addRow(["VHM-01", 12.5, new Date("2026-12-01T00:00:00Z"), { formula: "B2*2", result: 25 }]);
    sheet.addRow([{ richText: [{ text: "VHM" }, { text: "-02", font: { bold: true } }] }, 3]);
    workbook.addWorksheet("Notes").addRow(["not read"]);
    const file = Readable.from([Buffer.from((await workbook.xlsx.writeBuffer()))]);
    const rows = [];
    for await (const row of readTable("xlsx", file, { maxRows: 10 })) rows.push(row);
    assert.deepEqual(rows, [
      ["machine", "sales", "day", "total"],
      ["VHM-01", "12.5", "2026-12-01T00:00:00.000Z", "25"],
      ["VHM-02", "3"],
    ]);
  });

  test("a file over the row limit is refused before the rest is read", async () => {
    const lines = ["n", ...Array.from({ length: 100 }, (_, i) => String(i))].join("\n");
    const read = async () => {
      for await (const _row of readTable("csv", Readable.from([Buffer.from(lines)]), { maxRows: 50 }));
    };
    await assert.rejects(read(), TableTooLarge);
  });
});
