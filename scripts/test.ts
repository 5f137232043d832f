// Runs every test file with node:test. Under CI=true a skipped test is a failure:
// a suite that cannot run there (no Chromium, no PostgreSQL) must not pass silently.
// The run's database templates (test/support/database-templates.ts) live in a directory of its
// own, made once for all the test files and removed at the end.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const tapFile = join(tmpdir(), `botyard-test-${process.pid}.tap`);
const patterns = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["test/**/*.test.ts"];

process.env.BOTYARD_TEST_TEMPLATES = await mkdtemp(join(tmpdir(), "botyard-test-templates-"));
const { dropTemplates } = await import("../test/support/database-templates.ts");

const started = performance.now();
const child = spawn(
  process.execPath,
  [
    "--test",
    "--test-concurrency=2",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tapFile}`,
    ...patterns,
  ],
  { stdio: "inherit" },
);
const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
const seconds = Math.round((performance.now() - started) / 1000);
await dropTemplates(process.env.TEST_DATABASE_URL).catch((error: unknown) => console.error(`could not remove the test database templates: ${String(error)}`));

const tap = await readFile(tapFile, "utf8").catch(() => "");
await rm(tapFile, { force: true });
const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(tap)?.[1] ?? 0);
const passed = count("pass");
const failed = count("fail");
const skipped = count("skipped") + count("todo");
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
