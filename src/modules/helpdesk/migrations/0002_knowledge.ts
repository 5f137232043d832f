import { sql, type Kysely } from "kysely";

/**
 * The knowledge base: articles a bot offers before a question reaches staff, one language each.
 * `search` is the article's full-text vector in its language's text search configuration (the
 * title weighing more than the body); the configuration per language is
 * `knowledge/search-configuration.ts`'s, written out here because a migration never changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table helpdesk_article (
      id bigserial primary key,
      bot_id text not null references bot(id),
      language text not null check (language ~ '^[a-z]{2,3}$'),
      title text not null check (length(title) between 1 and 150),
      body text not null check (length(body) between 1 and 3500),
      published boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      search tsvector generated always as (
        setweight(to_tsvector(case language when 'en' then 'english'::regconfig when 'ru' then 'russian'::regconfig else 'simple'::regconfig end, title), 'A')
        || setweight(to_tsvector(case language when 'en' then 'english'::regconfig when 'ru' then 'russian'::regconfig else 'simple'::regconfig end, body), 'B')
      ) stored
    );
    create index helpdesk_article_by_bot on helpdesk_article (bot_id, language, updated_at desc);
    create index helpdesk_article_search on helpdesk_article using gin (search) where published;
  `.execute(db);
}
