import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";

/** The longest title: it heads the article and labels its button. */
export const ARTICLE_TITLE_MAX = 150;
/** The longest body: the article goes out as one Telegram message (4,096 characters) with its title. */
export const ARTICLE_BODY_MAX = 3500;

/** Why an article was not saved; the text is `helpdesk-knowledge-<reason>` in the knowledge catalogue. */
export type ArticleProblem = "title-missing" | "title-too-long" | "body-missing" | "body-too-long" | "language-unknown";

export interface ArticleDraft {
  language: string;
  title: string;
  body: string;
}

/**
 * An article as it is kept: the title on one line, the body trimmed (its own line breaks kept),
 * in one of the bot's languages. The first problem found refuses it.
 */
export function checkArticle(draft: ArticleDraft, botLanguages: readonly string[]): Outcome<{ article: ArticleDraft }, ArticleProblem> {
  const title = draft.title.trim().replace(/\s+/g, " ");
  const body = draft.body.trim();
  if (title === "") return refusal("title-missing");
  if (title.length > ARTICLE_TITLE_MAX) return refusal("title-too-long");
  if (body === "") return refusal("body-missing");
  if (body.length > ARTICLE_BODY_MAX) return refusal("body-too-long");
  if (!botLanguages.includes(draft.language)) return refusal("language-unknown");
  return { ok: true, article: { language: draft.language, title, body } };
}
