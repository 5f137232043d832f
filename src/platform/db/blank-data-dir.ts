import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";

const PACKAGE_ROOT = resolve(import.meta.dirname, "../../..");
const INITDB_SCRIPT = join(import.meta.dirname, "pglite-initdb.ts");

/** Whether `dir` already holds an initialised PostgreSQL data directory. */
export function isDataDir(dir: string): boolean {
  return existsSync(join(dir, "PG_VERSION"));
}

function pgliteVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string }).version;
}

/** Where the blank data directory of this PGlite version is kept for every later first start. */
export function blankDataDirCache(): string {
  return join(PACKAGE_ROOT, "node_modules/.cache/botyard", `pglite-blank-${pgliteVersion()}`);
}

async function initdbInChild(target: string): Promise<void> {
  const child = spawn(process.execPath, [INITDB_SCRIPT, target], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((done, fail) => child.on("error", fail).on("exit", done));
  if (code !== 0 || !isDataDir(target)) throw new Error(`initdb of ${target} failed (exit ${code}): ${errors.trim()}`);
}

/** Builds the cached blank directory once (a finished one appears whole, by rename); false when the cache cannot be written. */
async function ensureCache(cache: string): Promise<boolean> {
  if (isDataDir(cache)) return true;
  const building = `${cache}.building-${process.pid}`;
  try {
    await mkdir(join(cache, ".."), { recursive: true });
    await initdbInChild(building);
    await rename(building, cache).catch((error: unknown) => {
      // Another process finished first: its copy is as good as ours.
      if (!isDataDir(cache)) throw error;
    });
    return true;
  } catch {
    return false;
  } finally {
    await rm(building, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Builds the blank directory ahead of any start (an image build does, so that its containers' first start only copies). */
export async function prepareBlankDataDir(): Promise<void> {
  if (!(await ensureCache(blankDataDirCache()))) throw new Error(`could not write ${blankDataDirCache()}`);
}

/**
 * Makes `target` an initialised, empty PostgreSQL data directory for PGlite. Initdb inside the
 * app's own process left its engine's memory (~165 MiB) and a second WebAssembly compilation
 * behind for the process's whole life; here it runs once per PGlite version in a child process,
 * into a cache that every later first start copies natively.
 */
export async function createBlankDataDir(target: string, cache = blankDataDirCache()): Promise<void> {
  // Made beside the target and renamed into place: a start killed half-way leaves no half a directory.
  const making = `${target}.new`;
  await rm(making, { recursive: true, force: true });
  if (await ensureCache(cache)) await cp(cache, making, { recursive: true });
  else await initdbInChild(making);
  await rm(target, { recursive: true, force: true });
  await rename(making, target);
}
