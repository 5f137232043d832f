// Runs every test file with node:test. Under CI=true a skipped test is a failure:
// a suite that cannot run there (no Chromium, no PostgreSQL) must not pass silently.
import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const tapFile = join(tmpdir(), `botyard-test-${process.pid}.tap`);
const patterns = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["test/**/*.test.ts"];

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

const tap = await readFile(tapFile, "utf8").catch(() => "");
await rm(tapFile, { force: true });
const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(tap)?.[1] ?? 0);
const passed = count("pass");
const failed = count("fail");
const skipped = count("skipped") + count("todo");
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);

if (process.env.CI === "true" && skipped > 0) {
  console.error(`CI=true: ${skipped} skipped test(s) count as failures; install what they need.`);
  process.exit(1);
}
if (passed === 0 && code === 0) {
  console.error("no test ran");
  process.exit(1);
}
process.exit(code);
