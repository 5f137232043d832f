// Runs every test file with node:test. Under CI=true a skipped test is a failure:
// a suite that cannot run there (no Chromium, no PostgreSQL) must not pass silently.
// The run's database templates (test/support/database-templates.ts) and Node's compile cache live
// in a directory of its own, made once for all the test files and removed at the end.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { existsSync } from "node:fs";
import { join, matchesGlob, relative } from "node:path";
import { CHROMIUM_PATH, startSharedChromium } from "../test/support/chromium.ts";

const summaryFile = join(tmpdir(), `botyard-test-${process.pid}.summary`);
const patterns = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["test/**/*.test.ts"];

process.env.BOTYARD_TEST_TEMPLATES = await mkdtemp(join(tmpdir(), "botyard-test-templates-"));
// Every test file, and every app or CLI a test starts, is a process of its own that imports much
// the same code: compiled (and type-stripped) once into this cache, it loads in half the CPU time.
process.env.NODE_COMPILE_CACHE ??= join(process.env.BOTYARD_TEST_TEMPLATES, "compile-cache");
const { dropTemplates } = await import("../test/support/database-templates.ts");
// The browser test files share one Chromium, started here when the run includes them.
const browserTests = patterns.some((pattern) => pattern.startsWith("test/browser") || matchesGlob("test/browser/panel.test.ts", pattern));
const chromium = browserTests && existsSync(CHROMIUM_PATH) ? await startSharedChromium() : undefined;

const started = performance.now();
const child = spawn(
  process.execPath,
  [
    "--test",
    // Two files at once on the CI machine's two cores; BOTYARD_TEST_CONCURRENCY tries another number.
    `--test-concurrency=${process.env.BOTYARD_TEST_CONCURRENCY ?? "2"}`,
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    `--test-reporter=${join(import.meta.dirname, "test-summary-reporter.ts")}`,
    `--test-reporter-destination=${summaryFile}`,
    ...patterns,
  ],
  { stdio: "inherit" },
);
const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
const seconds = Math.round((performance.now() - started) / 1000);
await chromium?.close();
await dropTemplates(process.env.TEST_DATABASE_URL).catch((error: unknown) => console.error(`could not remove the test database templates: ${String(error)}`));

const lines = (await readFile(summaryFile, "utf8").catch(() => ""))
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line) as { file?: string; ms?: number; counts?: Record<string, number> });
await rm(summaryFile, { force: true });
const counts = lines.findLast((line) => line.counts !== undefined)?.counts ?? {};
const passed = counts.passed ?? 0;
const failed = (counts.failed ?? 0) + (counts.cancelled ?? 0);
const skipped = (counts.skipped ?? 0) + (counts.todo ?? 0);
const slowest = lines
  .flatMap(({ file, ms }) => (file === undefined || ms === undefined ? [] : [{ file: relative(process.cwd(), file), ms }]))
  .sort((a, b) => b.ms - a.ms)
  .slice(0, 15);
if (slowest.length > 1) {
  console.log("\nslowest files:");
  for (const { ms, file } of slowest) console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped in ${Math.floor(seconds / 60)} min ${seconds % 60} s`);

if (process.env.CI === "true" && skipped > 0) {
  console.error(`CI=true: ${skipped} skipped test(s) count as failures; install what they need.`);
  process.exit(1);
}
if (passed === 0 && code === 0) {
  console.error("no test ran");
  process.exit(1);
}
process.exit(code);
