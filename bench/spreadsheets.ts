// `npm run bench` (after the others): exporting a 200,000-row table as streamed CSV and XLSX,
// next to the baseline of building the whole CSV in memory first (as exports did before they
// streamed), each in a child process of its own so its peak RSS is its own. Prints rows per
// second and peak RSS, with ratios against the baseline. Nothing here asserts on time.
// Size: BENCH_SPREADSHEET_ROWS (200000).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { csvDocument } from "../src/platform/http/csv.ts";
import { writeTable } from "../src/platform/spreadsheets/write-table.ts";

type Mode = "csv-in-memory" | "csv-stream" | "xlsx-stream";
const MODES: Mode[] = ["csv-in-memory", "csv-stream", "xlsx-stream"];
const rowCount = Number(process.env.BENCH_SPREADSHEET_ROWS ?? 200_000);
const HEADER = ["at", "actor", "source", "action", "object", "before", "after"];

/** Audit-log-like rows: a moment, a person, a few words and two small JSON documents. */
function* rows(): Generator<(string | number | Date)[]> {
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < rowCount; i++) {
    yield [new Date(start + i * 60_000), 500_000 + (i % 300), "web", "booking.cancel", `booking:${i}`, JSON.stringify({ status: "confirmed", by: null }), JSON.stringify({ status: "cancelled", by: "client", reason: `Клиент ${i}` })];
  }
}

/** Counts bytes and drops them, like a fast client. */
function sink(): { stream: Writable; bytes: () => number } {
  let bytes = 0;
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
    bytes: () => bytes,
  };
}

async function runOne(mode: Mode): Promise<void> {
  const started = performance.now();
  const out = sink();
  if (mode === "csv-in-memory") {
    const document = csvDocument(HEADER, [...rows()].map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell))));
    out.stream.end(Buffer.from(document));
  } else {
    await pipeline(writeTable(mode === "csv-stream" ? "csv" : "xlsx", { sheet: "Audit log", header: HEADER, rows: rows() }), out.stream);
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ mode, ms, bytes: out.bytes(), peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

const child = process.argv[2] as Mode | undefined;
if (child !== undefined) {
  await runOne(child);
} else {
  const results = MODES.map((mode) => JSON.parse(execFileSync(process.execPath, [import.meta.filename, mode], { encoding: "utf8", maxBuffer: 1 << 20 })) as { mode: Mode; ms: number; bytes: number; peakRssMiB: number });
  const baseline = results[0]!;
  console.log(`\nSpreadsheet export of ${rowCount.toLocaleString("en")} rows (each in its own process)\n`);
  console.log("| export | rows/s | size | peak RSS | rows/s vs baseline | RSS vs baseline |");
  console.log("|---|---|---|---|---|---|");
  for (const result of results) {
    const perSecond = rowCount / (result.ms / 1000);
    console.log(
      `| ${result.mode}${result === baseline ? " (baseline)" : ""} | ${Math.round(perSecond).toLocaleString("en")} | ${(result.bytes / 1024 / 1024).toFixed(1)} MiB | ${Math.round(result.peakRssMiB)} MiB | ${(perSecond / (rowCount / (baseline.ms / 1000))).toFixed(2)}x | ${(result.peakRssMiB / baseline.peakRssMiB).toFixed(2)}x |`,
    );
  }
  const dir = join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "spreadsheets.json"), JSON.stringify({ rows: rowCount, results }, null, 2));
}
