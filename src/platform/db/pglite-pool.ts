import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";
import type { ConnectionGate } from "./connection-gate.ts";
import type { PgliteStatements } from "./pglite-statements.ts";
import { statementCount } from "./statement-count.ts";

type Command = PostgresQueryResult<unknown>["command"];

const DATA_CHANGING = ["INSERT", "UPDATE", "DELETE", "MERGE"];

/** Kysely reads affected rows only for data-changing commands, so name the command the SQL runs. */
function commandOf(sql: string): Command {
  let word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  if (word === "WITH") word = /\)\s*(insert|update|delete|merge)\b/i.exec(sql)?.[1]?.toUpperCase();
  return (word !== undefined && DATA_CHANGING.includes(word) ? word : "SELECT") as Command;
}

/**
 * Kysely's PostgresDialect over PGlite: the pool has one client, PGlite's single connection, and
 * lends it to one caller at a time through the shared gate.
 */
export function createPglitePool(statements: PgliteStatements, gate: ConnectionGate): PostgresPool {
  async function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    statementCount.total++;
    if (parameters.length === 0 && /;\s*\S/.test(sql)) {
      // Several statements (migrations): only the simple protocol takes them.
      const results = await statements.exec(sql);
      const last = results.at(-1);
      return { command: "SELECT", rowCount: last?.affectedRows ?? 0, rows: (last?.rows ?? []) as R[] };
    }
    const result = await statements.query<R>(sql, parameters);
    return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
  }
  // Kysely never asks this pool for cursors (no streaming), so the cursor overload is left out.
  const client = { query, release: () => gate.release() } as PostgresPoolClient;
  return {
    async connect() {
      await gate.acquire();
      return client;
    },
    async end() {},
  };
}
