import { mkdtempSync } from "node:fs";
import { cp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import pg from "pg";
import { openDatabase, type Database } from "../../src/platform/db/database.ts";
import type { Migrations } from "../../src/platform/db/migrate.ts";
import { createFromTemplate, pgliteTemplate, postgresTemplate } from "./database-templates.ts";

/** A fresh database for one test: a PGlite directory of its own, or a new PostgreSQL database. */
export interface TestDatabase {
  name: "pglite" | "postgres";
  settings: Database["settings"];
  /** The environment variables that point the app at it. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function tempDir(prefix = "botyard-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A PGlite database in a new directory: blank (initialised, no tables), or with the platform's and
 * `migrations` applied. Either is a copy of a template made once per run.
 */
export async function freshPglite(migrations?: Migrations): Promise<TestDatabase> {
  const template = await pgliteTemplate(migrations ?? "blank");
  const dataDir = tempDir();
  await cp(join(template, "pglite"), join(dataDir, "pglite"), { recursive: true });
  return {
    name: "pglite",
    settings: { kind: "pglite", dataDir },
    env: { DATA_DIR: dataDir },
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/**
 * A new PostgreSQL database (when TEST_DATABASE_URL is set), so test files never share a pgboss
 * schema: blank, or with the platform's and `migrations` applied (copied from a template).
 */
export async function freshPostgres(migrations?: Migrations): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl === undefined) throw new Error("TEST_DATABASE_URL is not set");
  const name = `botyard_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (migrations === undefined) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  } else {
    await createFromTemplate(adminUrl, name, await postgresTemplate(adminUrl, migrations));
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name: "postgres",
    settings: { kind: "postgres", url: url.toString() },
    env: { DATABASE_URL: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** For `fresh(platformOnly)`: the platform's tables and no module's. */
export const platformOnly: Migrations = {};

/**
 * The databases a suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. A
 * suite on PostgreSQL without it is skipped, and under CI=true a skip fails the run. `fresh()` is
 * a blank database; `fresh(migrations)` one with the platform's and those applied, as an app with
 * those modules would leave it (`shippedMigrations` in app.ts: every shipped module's).
 */
export const databaseKinds: { name: "pglite" | "postgres"; skip: string | false; fresh(migrations?: Migrations): Promise<TestDatabase> }[] = [
  { name: "pglite", skip: false, fresh: freshPglite },
  {
    name: "postgres",
    skip: process.env.TEST_DATABASE_URL === undefined ? "TEST_DATABASE_URL is not set" : false,
    fresh: freshPostgres,
  },
];

/**
 * The databases an end-to-end story runs on: PGlite. The SQL under a story is the commands' and
 * the platform's, which their medium tests run on both kinds; a story runs on PostgreSQL as well
 * (`databaseKinds`) only where the kind is the point: crash recovery, replicas, leases, races.
 */
export const storyDatabaseKinds = databaseKinds.filter((kind) => kind.name === "pglite");

/**
 * Inside a describe: a fresh, migrated database for the suite, opened before its tests and
 * dropped after them. Read `.database` and `.fresh` inside tests and hooks. `moduleMigrations`
 * adds a module's tables (e.g. `bookingMigrations`) to the platform's.
 */
export function migratedDatabase(kind: (typeof databaseKinds)[number], moduleMigrations?: Migrations): { database: Database; fresh: TestDatabase } {
  const suite = {} as { database: Database; fresh: TestDatabase };
  before(async () => {
    suite.fresh = await kind.fresh(moduleMigrations ?? platformOnly);
    suite.database = await openDatabase(suite.fresh.settings);
  });
  after(async () => {
    await suite.database.close();
    await suite.fresh.drop();
  });
  return suite;
}
