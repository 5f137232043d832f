import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Marks the async context of an open transaction. A query that asks the pool for a connection
 * from inside it used `db` where it meant `trx`: on PGlite it would wait forever for the one
 * connection the transaction holds, and on PostgreSQL it would silently run outside the
 * transaction. Both pools throw instead.
 */
export const openTransaction = new AsyncLocalStorage<true>();

export class QueryOutsideTransactionError extends Error {
  override name = "QueryOutsideTransactionError";
  constructor() {
    super("A query asked for a new connection from inside an open transaction: use the transaction (trx), not db");
  }
}

export function assertNotInTransaction(): void {
  if (openTransaction.getStore() === true) throw new QueryOutsideTransactionError();
}

/**
 * Hands one resource to one caller at a time, first come first served. PGlite has a single
 * connection; Kysely, pg-boss and the inbox all take it through this gate.
 */
export class ConnectionGate {
  #held = false;
  #waiting: (() => void)[] = [];

  async acquire(): Promise<void> {
    assertNotInTransaction();
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}
