import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DataDirLockedError, lockDataDir } from "../../../src/platform/db/data-dir-lock.ts";
import { tempDir } from "../../support/databases.ts";

function startTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
}

test("a data directory held by a live process cannot be locked again", async (t) => {
  const dir = tempDir();
  const holder = spawn("sleep", ["30"]);
  t.after(() => holder.kill("SIGKILL"));
  await new Promise((resolve) => holder.once("spawn", resolve));
  const pid = holder.pid ?? 0;
  writeFileSync(join(dir, "botyard.lock"), `${pid} ${startTime(pid)}`);
  assert.throws(() => lockDataDir(dir), (error: Error) => error instanceof DataDirLockedError && error.message.includes(`pid ${pid}`));
});

test("a lock left by a process that died is taken over", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "botyard.lock"), "999999999 12345");
  lockDataDir(dir).release();
});

test("a lock naming our own pid from an earlier life (a restarted container) is taken over", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "botyard.lock"), `${process.pid} 1`);
  lockDataDir(dir).release();
});

test("the same process cannot open a data directory twice", () => {
  const dir = tempDir();
  const lock = lockDataDir(dir);
  assert.throws(() => lockDataDir(dir), DataDirLockedError);
  lock.release();
  lockDataDir(dir).release();
});
