import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { checkArticle, type ArticleDraft, type ArticleProblem } from "../knowledge/article-draft.ts";
import { ARTICLE_COLUMNS, presentArticle, type Article } from "../knowledge/article-view.ts";
import type { KnowledgeTables } from "../knowledge/tables.ts";

export type CreateArticleOutcome = Outcome<{ article: Article }, ArticleProblem>;

/** Staff write an article of the knowledge base; it is a draft, offered to nobody, until published. */
export const createArticle = defineCommand("helpdesk.article.create", async (scope: CommandScope<KnowledgeTables>, input: ArticleDraft): Promise<UseCaseOutcome<CreateArticleOutcome>> => {
  const check = checkArticle(input, scope.settings.languages);
  if (!check.ok) return { result: refusal(check.reason), audit: null };
  const row = await scope.trx
    .insertInto("helpdesk_article")
    .values({ bot_id: scope.actor.botId, ...check.article, created_at: scope.now, updated_at: scope.now })
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirstOrThrow();
  const article = presentArticle(row);
  return { result: { ok: true, article }, audit: { objectType: "helpdesk_article", objectId: article.id, after: article } };
});
