import { parse, protocol, type PGlite, type Results } from "@electric-sql/pglite";

/** What a statement needs once it is prepared: its name, its parameters' types and its result's description. */
interface Prepared {
  name: string;
  parameterTypes: number[];
  /** The RowDescription the server gave at Describe, or undefined for a statement that returns no rows. */
  rowDescription: unknown;
}

/** Statements worth preparing: the ones an app runs again and again. DDL and the like go through PGlite's own query. */
const PREPARABLE = /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release)\b/i;
/** After DDL a prepared plan may no longer fit its tables: every statement is prepared again. */
const RESETS_PLANS = /(^|;)\s*(create|alter|drop|truncate|comment|grant|revoke)\b/i;
/** A bound on the server-side statements kept; a program with more distinct SQL than this starts over. */
const MAX_PREPARED = 1000;

function concat(parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

/**
 * Runs statements on PGlite as named prepared statements, each execution in one call into the
 * engine (Bind, Execute and Sync in one message) instead of PGlite's six with a new plan each
 * time. A statement is parsed and described once, the first time its text is seen. Callers hold
 * the connection gate, so calls never overlap.
 */
export class PgliteStatements {
  readonly #pglite: PGlite;
  readonly #prepared = new Map<string, Prepared>();
  #counter = 0;
  /** Set after DDL: the server's statements are dropped before the next one is prepared. */
  #stale = false;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async query<R>(sql: string, parameters: readonly unknown[]): Promise<Results<R>> {
    if (!PREPARABLE.test(sql)) {
      if (RESETS_PLANS.test(sql)) this.#forgetAll();
      return this.#pglite.query<R>(sql, [...parameters]);
    }
    const prepared = this.#prepared.get(sql) ?? (await this.#prepare(sql));
    const values = parameters.map((value, i) => this.#serialize(value, prepared.parameterTypes[i]));
    try {
      const messages = await this.#pglite.execProtocolStream(
        concat([protocol.serialize.bind({ statement: prepared.name, values }), protocol.serialize.execute({}), protocol.serialize.sync()]),
        { syncToFs: false },
      );
      const described = prepared.rowDescription === undefined ? messages : [prepared.rowDescription as (typeof messages)[number], ...messages];
      return parse.parseResults(described, this.#pglite.parsers)[0] as Results<R>;
    } catch (error) {
      // A plan the server no longer takes (its table changed): prepared again next time.
      if (typeof error === "object" && error !== null && "code" in error && (error.code === "0A000" || error.code === "26000")) this.#prepared.delete(sql);
      throw error;
    }
  }

  /** Several statements in one text (migrations, pg-boss's schema): PGlite's simple protocol. */
  async exec(sql: string): Promise<Results[]> {
    if (RESETS_PLANS.test(sql)) this.#forgetAll();
    return this.#pglite.exec(sql);
  }

  async #prepare(sql: string): Promise<Prepared> {
    const parts: Uint8Array[] = [];
    if (this.#prepared.size >= MAX_PREPARED) this.#forgetAll();
    if (this.#stale) {
      parts.push(protocol.serialize.query("deallocate all"));
      this.#stale = false;
    }
    const name = `botyard_${++this.#counter}`;
    parts.push(protocol.serialize.parse({ name, text: sql }), protocol.serialize.describe({ type: "S", name }), protocol.serialize.sync());
    const messages = await this.#pglite.execProtocolStream(concat(parts), { syncToFs: false });
    const prepared: Prepared = {
      name,
      parameterTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((message) => message.name === "rowDescription"),
    };
    this.#prepared.set(sql, prepared);
    return prepared;
  }

  #serialize(value: unknown, type: number | undefined): string | null {
    if (value === null || value === undefined) return null;
    const serializer = type === undefined ? undefined : this.#pglite.serializers[type];
    if (serializer !== undefined) return serializer(value);
    return (value as { toString(): string }).toString();
  }

  #forgetAll(): void {
    if (this.#prepared.size === 0) return;
    this.#prepared.clear();
    this.#stale = true;
  }
}
