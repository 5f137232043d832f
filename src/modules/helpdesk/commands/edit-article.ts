import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { checkArticle, type ArticleDraft, type ArticleProblem } from "../knowledge/article-draft.ts";
import { ARTICLE_COLUMNS, presentArticle, type Article } from "../knowledge/article-view.ts";
import type { KnowledgeTables } from "../knowledge/tables.ts";

export type EditArticleOutcome = Outcome<{ article: Article }, ArticleProblem | "article-unknown">;

/** Staff correct an article's language, title or body; a published one stays published. */
export const editArticle = defineCommand("helpdesk.article.edit", async (scope: CommandScope<KnowledgeTables>, input: ArticleDraft & { articleId: number }): Promise<UseCaseOutcome<EditArticleOutcome>> => {
  const before = await scope.trx.selectFrom("helpdesk_article").select(ARTICLE_COLUMNS).where("bot_id", "=", scope.actor.botId).where("id", "=", input.articleId).forUpdate().executeTakeFirst();
  if (before === undefined) return { result: refusal("article-unknown"), audit: null };
  const check = checkArticle(input, scope.settings.languages);
  if (!check.ok) return { result: refusal(check.reason), audit: null };
  const row = await scope.trx
    .updateTable("helpdesk_article")
    .set({ ...check.article, updated_at: scope.now })
    .where("id", "=", before.id)
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirstOrThrow();
  const article = presentArticle(row);
  return { result: { ok: true, article }, audit: { objectType: "helpdesk_article", objectId: article.id, before: presentArticle(before), after: article } };
});
