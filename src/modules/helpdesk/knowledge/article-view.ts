import type { Selectable } from "kysely";
import type { ArticleTable } from "./tables.ts";

/** An article as commands return it and the panel shows it. */
export interface Article {
  id: number;
  language: string;
  title: string;
  body: string;
  published: boolean;
  updatedAt: string;
}

export const ARTICLE_COLUMNS = ["id", "language", "title", "body", "published", "updated_at"] as const;

export function presentArticle(row: Pick<Selectable<ArticleTable>, (typeof ARTICLE_COLUMNS)[number]>): Article {
  return { id: row.id, language: row.language, title: row.title, body: row.body, published: row.published, updatedAt: new Date(row.updated_at).toISOString() };
}
