import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import pg from "pg";
import { openDatabase, type Database } from "../../src/platform/db/database.ts";
import { migrateToLatest, type Migrations } from "../../src/platform/db/migrate.ts";

/** A fresh database for one test: an empty PGlite directory, or a new PostgreSQL database. */
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

export function freshPglite(): TestDatabase {
  const dataDir = tempDir();
  return {
    name: "pglite",
    settings: { kind: "pglite", dataDir },
    env: { DATA_DIR: dataDir },
    drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  };
}

/** A new PostgreSQL database (when TEST_DATABASE_URL is set), so test files never share a pgboss schema. */
export async function freshPostgres(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl === undefined) throw new Error("TEST_DATABASE_URL is not set");
  const name = `botyard_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
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

/**
 * The databases a suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. A
 * suite on PostgreSQL without it is skipped, and under CI=true a skip fails the run.
 */
export const databaseKinds: { name: "pglite" | "postgres"; skip: string | false; fresh(): Promise<TestDatabase> }[] = [
  { name: "pglite", skip: false, fresh: () => Promise.resolve(freshPglite()) },
  {
    name: "postgres",
    skip: process.env.TEST_DATABASE_URL === undefined ? "TEST_DATABASE_URL is not set" : false,
    fresh: freshPostgres,
  },
];

/**
 * Inside a describe: a fresh, migrated database for the suite, opened before its tests and
 * dropped after them. Read `.database` and `.fresh` inside tests and hooks. `moduleMigrations`
 * adds a module's tables (e.g. `bookingMigrations`) to the platform's.
 */
export function migratedDatabase(kind: (typeof databaseKinds)[number], moduleMigrations?: Migrations): { database: Database; fresh: TestDatabase } {
  const suite = {} as { database: Database; fresh: TestDatabase };
  before(async () => {
    suite.fresh = await kind.fresh();
    suite.database = await openDatabase(suite.fresh.settings);
    await migrateToLatest(suite.database.db, moduleMigrations);
  });
  after(async () => {
    await suite.database.close();
    await suite.fresh.drop();
  });
  return suite;
}
