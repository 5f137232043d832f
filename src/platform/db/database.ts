import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { Kysely, PostgresDialect, type PostgresPoolClient, type Transaction } from "kysely";
import pg from "pg";
import { createBlankDataDir, isDataDir } from "./blank-data-dir.ts";
import { ConnectionGate, assertNotInTransaction, openTransaction } from "./connection-gate.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { createPglitePool } from "./pglite-pool.ts";
import { PgliteStatements } from "./pglite-statements.ts";
import { statementCount } from "./statement-count.ts";
import type { PlatformTables } from "./schema.ts";

/** What pg-boss needs to run its SQL (its `IDatabase`). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** `poolSize` (PostgreSQL, default 10) is how many connections, so transactions, can be open at once. */
export type DatabaseSettings = { kind: "postgres"; url: string; poolSize?: number } | { kind: "pglite"; dataDir: string };

/**
 * The one database of a deployment: PGlite embedded in this process, or PostgreSQL. The same
 * SQL, migrations and code run on both.
 */
export interface Database<Tables = PlatformTables> {
  readonly kind: "pglite" | "postgres";
  readonly db: Kysely<Tables>;
  /**
   * Runs `work` in one transaction. Inside it, asking `db` for a connection throws: queries
   * belong on `trx`.
   */
  transaction<T>(work: (trx: Transaction<Tables>) => Promise<T>): Promise<T>;
  /** pg-boss's connection: through the PGlite gate, or its own PostgreSQL pool when undefined. */
  readonly jobsExecutor: SqlExecutor | undefined;
  readonly settings: DatabaseSettings;
  /** PGlite only: a consistent copy of the data directory, taken while nothing else runs. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    // int8: ids and counters fit in a double; a string would leak into every comparison.
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  return settings.kind === "postgres" ? Promise.resolve(openPostgres(settings)) : openPglite(settings);
}

function withTransactions<Tables>(db: Kysely<Tables>) {
  return <T>(work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> => {
    assertNotInTransaction();
    return db.transaction().execute((trx) => openTransaction.run(true, () => work(trx)));
  };
}

function openPostgres(settings: { kind: "postgres"; url: string; poolSize?: number }): Database {
  const pool = new pg.Pool({ connectionString: settings.url, max: settings.poolSize ?? 10, types: pgTypes });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries report their own errors.
  });
  const gatedPool = {
    async connect() {
      assertNotInTransaction();
      const client = await pool.connect();
      // Kysely never streams (no cursors), so only the plain query is passed on.
      const query = (text: string, values: readonly unknown[]) => {
        statementCount.total++;
        return client.query(text, [...values]);
      };
      return { query, release: () => client.release() } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
  const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool: gatedPool }) });
  return {
    kind: "postgres",
    db,
    settings,
    transaction: withTransactions(db),
    jobsExecutor: undefined,
    close: () => db.destroy(),
  };
}

/**
 * PGlite's own start parameters, with 32 MB of shared buffers instead of PostgreSQL's 128: a
 * bot's hot rows fit, the operating system caches the rest of the files, and an idle process is
 * ~90 MiB smaller (see the README's figures).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

async function openPglite(settings: { kind: "pglite"; dataDir: string }): Promise<Database> {
  const lock = lockDataDir(settings.dataDir);
  let pglite: PGlite;
  try {
    const dir = join(settings.dataDir, "pglite");
    if (!isDataDir(dir)) await createBlankDataDir(dir);
    pglite = await PGlite.create(dir, { extensions: { btree_gist }, startParams: PGLITE_START_PARAMS });
  } catch (error) {
    lock.release();
    throw error;
  }
  const gate = new ConnectionGate();
  const statements = new PgliteStatements(pglite);
  const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool: createPglitePool(statements, gate) }) });
  const jobsExecutor: SqlExecutor = {
    executeSql: (text, values) =>
      gate.run(async () => {
        statementCount.total++;
        try {
          if (values !== undefined && values.length > 0) return await statements.query(text, values);
          const results = await statements.exec(text);
          return { rows: results.flatMap((result) => result.rows) };
        } catch (error) {
          // pg-boss expects a pool: a failed statement must not leave the one connection in an
          // aborted transaction for the next caller.
          await pglite.query("rollback").catch(() => undefined);
          throw error;
        }
      }),
  };
  return {
    kind: "pglite",
    db,
    settings,
    transaction: withTransactions(db),
    jobsExecutor,
    dumpDataDir: () => gate.run(() => pglite.dumpDataDir("gzip")),
    async close() {
      await db.destroy();
      await gate.run(() => pglite.close());
      lock.release();
    },
  };
}
