// Fresh databases for one benchmark target: an empty PGlite directory, or a new PostgreSQL
// database created from an admin URL and dropped afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface BenchDatabase {
  /** The environment that points the app at it. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function freshPglite(): BenchDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), "botyard-bench-"));
  return { env: { DATA_DIR: dataDir }, drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })) };
}

/** Why PostgreSQL cannot be used at `adminUrl`, or undefined when it can. */
export async function postgresProblem(adminUrl: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function freshPostgres(adminUrl: string): Promise<BenchDatabase> {
  const name = `botyard_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () => admin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
