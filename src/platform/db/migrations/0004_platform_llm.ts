import { sql, type Kysely } from "kysely";

/** What LLM calls cost: tokens and money per bot, module, model and day. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table llm_usage (
      bot_id text not null references bot(id),
      module text not null,
      model text not null,
      day text not null,
      calls integer not null default 0,
      prompt_tokens bigint not null default 0,
      completion_tokens bigint not null default 0,
      cost_micros bigint not null default 0,
      primary key (bot_id, module, model, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table llm_usage`.execute(db);
}
