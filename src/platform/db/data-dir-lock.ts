import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

/** Directories this process holds, so opening one twice in-process fails too. */
const heldHere = new Set<string>();

/**
 * When a process started, in clock ticks since boot (Linux), so a pid reused by another process
 * (a container's pid 1 after a restart, a reboot) is not mistaken for the lock's holder.
 */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function holderIsAlive(pid: number, startTime: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return startTime === undefined || startTimeOf(pid) === startTime;
}

/**
 * Takes DATA_DIR for this process alone. PGlite serves one connection inside one process, so a
 * second `npm start` or a `botyard backup` beside a running app must stop here, with a message,
 * instead of opening the same files. The lock is a file created exclusively, naming the holder's
 * pid and start time; one left by a process that died (kill -9) is taken over.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  const dir = resolve(dataDir);
  if (heldHere.has(dir)) throw new DataDirLockedError(`${dir} is already open in this process`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "botyard.lock");
  const me = `${process.pid} ${startTimeOf(process.pid) ?? ""}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, me, { flag: "wx" });
      heldHere.add(dir);
      return {
        release: () => {
          heldHere.delete(dir);
          if (readFileSync(path, "utf8").trim() === me) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [pid, startTime] = readFileSync(path, "utf8").trim().split(" ");
      const owner = Number(pid);
      if (Number.isInteger(owner) && owner > 0 && holderIsAlive(owner, startTime)) {
        throw new DataDirLockedError(
          `${dir} is in use by another Botyard process (pid ${owner}). Stop it first, or set DATA_DIR to another directory.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dir}`);
}
