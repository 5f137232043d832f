/**
 * SQL statements this process has sent to its database (Kysely's and pg-boss's, transaction
 * control included), counted where they leave: the bench and tests read it as a difference to
 * see what one update costs. PostgreSQL's pg-boss runs on a pool of its own and is not counted.
 */
export const statementCount = { total: 0 };
