import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { lockDataDir } from "./data-dir-lock.ts";
import { openDatabase, type Database, type DatabaseSettings } from "./database.ts";

/** A backup or restore that cannot be done, with a message a person can act on. */
export class BackupError extends Error {
  override name = "BackupError";
}

const NAME = /^botyard-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.(tar\.gz|dump)$/;

/** `botyard-2030-01-01T10-00-00-000Z.tar.gz`: sortable, UTC, safe in every file system. */
export function backupFileName(kind: "pglite" | "postgres", at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, "-");
  return `botyard-${stamp}.${kind === "pglite" ? "tar.gz" : "dump"}`;
}

/** When a backup was taken, read from its name; undefined for files that are not Botyard backups. */
export function backupTime(fileName: string): Date | undefined {
  const match = NAME.exec(fileName);
  if (match === null) return undefined;
  const [, day, hours, mins, secs, millis] = match;
  return new Date(`${day}T${hours}:${mins}:${secs}.${millis}Z`);
}

/** The PGlite files inside DATA_DIR (beside the lock file), as openDatabase lays them out. */
function pgliteDir(dataDir: string): string {
  return join(dataDir, "pglite");
}

/** pg tools get the password through the environment, never on a command line `ps` shows. */
function pgToolTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password !== "") {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = "";
  }
  return { dbname: parsed.toString(), env };
}

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new BackupError(`${command} is not installed: install the PostgreSQL client tools (postgresql-client) of the server's major version`)
          : error,
      );
    });
    child.on("close", resolveExit);
  });
  if (code !== 0) throw new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`);
}

function isDatabase(source: Database | DatabaseSettings): source is Database {
  return "close" in source;
}

/**
 * Writes a consistent dump of the database into `dir` and returns its path. PGlite: a tarball of
 * the data directory taken through the connection gate, so nothing writes while it is copied (an
 * open Database is used as is; settings open the database, which fails if an app holds it).
 * PostgreSQL: `pg_dump --format=custom`, one snapshot. The file appears under its final name only
 * once complete.
 */
export async function backupDatabase(source: Database | DatabaseSettings, dir: string, now: Date = new Date()): Promise<string> {
  const settings = isDatabase(source) ? source.settings : source;
  await mkdir(dir, { recursive: true });
  const path = resolve(dir, backupFileName(settings.kind, now));
  const partial = `${path}.partial`;
  try {
    if (settings.kind === "postgres") {
      const { dbname, env } = pgToolTarget(settings.url);
      await run("pg_dump", ["--format=custom", "--no-owner", `--file=${partial}`, `--dbname=${dbname}`], env);
    } else {
      const database = isDatabase(source) ? source : await openDatabase(settings);
      try {
        if (database.dumpDataDir === undefined) throw new BackupError("This database cannot dump its data directory");
        const blob = await database.dumpDataDir();
        await writeFile(partial, Buffer.from(await blob.arrayBuffer()));
      } finally {
        if (database !== source) await database.close();
      }
    }
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return path;
}

export interface RestoreResult {
  /** PGlite: where the data directory that was replaced now lives. */
  previous: string | undefined;
}

/**
 * Replaces the database's contents with a backup. PGlite: refused while an app holds DATA_DIR
 * (the lock); the current files are moved aside, kept, and reported. PostgreSQL: `pg_restore
 * --clean --if-exists --no-owner` in one transaction; stop the app's replicas first.
 */
export async function restoreDatabase(file: string, settings: DatabaseSettings, now: Date = new Date()): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupError(`No backup at ${file}`);
  if (settings.kind === "postgres") {
    if (file.endsWith(".tar.gz")) throw new BackupError(`${basename(file)} is a PGlite backup; DATABASE_URL points at PostgreSQL`);
    const { dbname, env } = pgToolTarget(settings.url);
    await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", `--dbname=${dbname}`, file], env);
    return { previous: undefined };
  }
  if (!file.endsWith(".tar.gz")) throw new BackupError(`${basename(file)} is not a PGlite backup (.tar.gz); set DATABASE_URL to restore a PostgreSQL dump`);
  const lock = lockDataDir(settings.dataDir);
  try {
    const target = pgliteDir(settings.dataDir);
    let previous: string | undefined;
    if (existsSync(target)) {
      previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
      await rename(target, previous);
    }
    try {
      const blob = new Blob([await readFile(file)]);
      const pglite = await PGlite.create(target, { loadDataDir: blob, extensions: { btree_gist } });
      await pglite.query("select 1");
      await pglite.close();
    } catch (error) {
      await rm(target, { recursive: true, force: true });
      if (previous !== undefined) await rename(previous, target);
      throw new BackupError(`Could not restore ${file}: ${(error as Error).message}`, { cause: error });
    }
    return { previous };
  } finally {
    lock.release();
  }
}

/**
 * Deletes the backups in `dir` older than `retentionDays`, judged by the time in their names. The
 * newest backup is always kept, however old: a backup schedule that stopped must not end with none.
 */
export async function pruneBackups(dir: string, retentionDays: number, now: Date = new Date()): Promise<string[]> {
  const entries = existsSync(dir) ? await readdir(dir) : [];
  const backups = entries
    .map((name) => ({ name, at: backupTime(name) }))
    .filter((entry): entry is { name: string; at: Date } => entry.at !== undefined)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const removed: string[] = [];
  for (const backup of backups.slice(0, -1)) {
    if (backup.at.getTime() >= cutoff) continue;
    const path = join(dir, backup.name);
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}
