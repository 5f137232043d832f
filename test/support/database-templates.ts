import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { openDatabase } from "../../src/platform/db/database.ts";
import { migrateToLatest, platformMigrations, type Migrations } from "../../src/platform/db/migrate.ts";

/**
 * Databases migrated once and copied for every test that wants one: creating a PGlite data
 * directory takes seconds, copying a closed one a fraction of that. A template is keyed by a hash
 * of its migrations (and of PGlite's version), so a changed migration builds a new one; it is
 * built by the first test file to need it, under a lock, and the other files wait and reuse it.
 *
 * Templates live in TEMPLATES_DIR: the test runner sets BOTYARD_TEST_TEMPLATES to a directory of
 * its own and removes it (and the PostgreSQL templates named after it) when the run ends; a file
 * run on its own reuses a shared directory under the system's temp dir.
 */
const TEMPLATES_DIR = process.env.BOTYARD_TEST_TEMPLATES ?? join(tmpdir(), "botyard-test-templates");

/** "blank": an initialised database with no tables; otherwise the platform's and these migrations applied. */
export type TemplateContent = "blank" | Migrations;

const pgliteVersion = (): string =>
  (JSON.parse(readFileSync(join(import.meta.dirname, "../../node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string }).version;

function keyOf(content: TemplateContent): string {
  const hash = createHash("sha256").update(`pglite ${pgliteVersion()}\n`);
  if (content !== "blank") {
    const migrations = { ...platformMigrations, ...content };
    for (const name of Object.keys(migrations).sort()) {
      const migration = migrations[name]!;
      hash.update(`${name}\n${migration.up.toString()}\n${migration.down?.toString() ?? ""}\n`);
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/** The part of template database names that says which run they belong to. */
function scopeOf(dir: string): string {
  return createHash("sha256").update(dir).digest("hex").slice(0, 8);
}

/** A closed PGlite data directory with `content`, to copy (its `pglite` subdirectory) and never open. */
export async function pgliteTemplate(content: TemplateContent): Promise<string> {
  const dir = join(TEMPLATES_DIR, `pglite-${content === "blank" ? "blank" : "migrated"}-${keyOf(content)}`);
  if (existsSync(dir)) return dir;
  await mkdir(TEMPLATES_DIR, { recursive: true });
  await withFileLock(`${dir}.lock`, async () => {
    if (existsSync(dir)) return;
    const building = `${dir}.building-${process.pid}`;
    const database = await openDatabase({ kind: "pglite", dataDir: building });
    if (content !== "blank") await migrateToLatest(database.db, content);
    await database.close();
    // The rename makes it whole at once: a reader sees no template or a finished one.
    await rename(building, dir).catch(async (error: unknown) => {
      if (!existsSync(dir)) throw error;
      await rm(building, { recursive: true, force: true });
    });
  });
  return dir;
}

/** The name of a PostgreSQL database with `content` (migrations; never "blank"), to create others from. */
export async function postgresTemplate(adminUrl: string, migrations: Migrations): Promise<string> {
  const name = `botyard_tpl_${scopeOf(TEMPLATES_DIR)}_${keyOf(migrations)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // A session lock: released by PostgreSQL if this process dies while building.
    await admin.query("select pg_advisory_lock(hashtext($1))", [name]);
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_b`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const database = await openDatabase({ kind: "postgres", url: url.toString() });
      await migrateToLatest(database.db, migrations);
      await database.close();
      await retryWhileInUse(() => admin.query(`alter database ${building} rename to ${name}`));
    }
    await admin.query("select pg_advisory_unlock(hashtext($1))", [name]);
  } finally {
    await admin.end();
  }
  return name;
}

/** Creates database `name` as a copy of `template`. */
export async function createFromTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await retryWhileInUse(() => admin.query(`create database ${name} template ${template}`));
  } finally {
    await admin.end();
  }
}

/** Removes this run's templates: the directory and, when `adminUrl` is given, the PostgreSQL databases. */
export async function dropTemplates(adminUrl: string | undefined): Promise<void> {
  await rm(TEMPLATES_DIR, { recursive: true, force: true });
  if (adminUrl === undefined) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`botyard_tpl_${scopeOf(TEMPLATES_DIR)}_%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * PostgreSQL refuses to copy or rename a database while a session is on it, and a closed
 * connection's backend may take a moment to go.
 */
async function retryWhileInUse<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
      await sleep(100);
    }
  }
}

/** Runs `work` while holding a lock file naming this process; a lock left by a dead process is taken over. */
async function withFileLock(path: string, work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(path, "utf8").catch(() => ""));
      if (holder > 0 && !isAlive(holder)) await rm(path, { force: true });
      else await sleep(50);
    }
  }
  try {
    await work();
  } finally {
    await rm(path, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
