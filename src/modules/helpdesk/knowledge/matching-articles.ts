import { sql } from "kysely";
import { questionQuery } from "./question-query.ts";
import { searchConfigurationOf } from "./search-configuration.ts";
import type { KnowledgeDb } from "./tables.ts";

/** An article offered to a user for their question. */
export interface MatchingArticle {
  id: number;
  language: string;
  title: string;
  body: string;
}

/** How many articles a user is offered at most before their question reaches staff. */
export const OFFERED_ARTICLES = 3;

/**
 * Up to `limit` published articles of the bot answering `question`, the best first (`ts_rank`,
 * then the most recently updated). `languages` are tried in order (the user's, then the bot's
 * first) and the first with any match answers, so a user is never offered a mix of languages.
 * A question with no words finds nothing.
 */
export async function matchingArticles(db: KnowledgeDb, botId: string, languages: readonly string[], question: string, limit = OFFERED_ARTICLES): Promise<MatchingArticle[]> {
  const query = questionQuery(question);
  if (query === null) return [];
  for (const language of new Set(languages)) {
    const found = await articlesIn(db, botId, language, query, limit);
    if (found.length > 0) return found;
  }
  return [];
}

async function articlesIn(db: KnowledgeDb, botId: string, language: string, query: string, limit: number): Promise<MatchingArticle[]> {
  const tsquery = sql`websearch_to_tsquery(${searchConfigurationOf(language)}::regconfig, ${query})`;
  return db
    .selectFrom("helpdesk_article")
    .select(["id", "language", "title", "body"])
    .where("bot_id", "=", botId)
    .where("language", "=", language)
    .where("published", "=", true)
    .where(sql<boolean>`search @@ ${tsquery}`)
    .orderBy(sql`ts_rank(search, ${tsquery})`, "desc")
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
