import { sql, type Transaction } from "kysely";

let savepoints = 0;

/**
 * Runs `work` under a savepoint of `trx`. When it throws, or `keep` says its result is not to be
 * kept, everything it wrote is undone and the transaction stays usable: a failed statement (say
 * an exclusion constraint's 23P01) otherwise aborts a whole PostgreSQL transaction. A throw is
 * passed on after the rollback.
 */
export async function withSavepoint<Tables, T>(trx: Transaction<Tables>, work: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
  // Unique per call, so savepoints nest.
  const name = sql.id(`botyard_savepoint_${++savepoints}`);
  await sql`savepoint ${name}`.execute(trx);
  let value: T;
  try {
    value = await work();
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    await sql`release savepoint ${name}`.execute(trx);
    throw error;
  }
  if (!keep(value)) await sql`rollback to savepoint ${name}`.execute(trx);
  await sql`release savepoint ${name}`.execute(trx);
  return value;
}
