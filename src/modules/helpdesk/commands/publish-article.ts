import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { ARTICLE_COLUMNS, presentArticle, type Article } from "../knowledge/article-view.ts";
import type { KnowledgeTables } from "../knowledge/tables.ts";

export type PublishArticleOutcome = Outcome<{ article: Article }, "article-unknown">;

/** Staff publish an article (users are offered it from now on) or take it back to a draft. */
export const publishArticle = defineCommand("helpdesk.article.publish", async (scope: CommandScope<KnowledgeTables>, input: { articleId: number; published: boolean }): Promise<UseCaseOutcome<PublishArticleOutcome>> => {
  const before = await scope.trx.selectFrom("helpdesk_article").select(ARTICLE_COLUMNS).where("bot_id", "=", scope.actor.botId).where("id", "=", input.articleId).forUpdate().executeTakeFirst();
  if (before === undefined) return { result: refusal("article-unknown"), audit: null };
  const row = await scope.trx.updateTable("helpdesk_article").set({ published: input.published, updated_at: scope.now }).where("id", "=", before.id).returning(ARTICLE_COLUMNS).executeTakeFirstOrThrow();
  const article = presentArticle(row);
  return { result: { ok: true, article }, audit: { objectType: "helpdesk_article", objectId: article.id, before: { published: before.published }, after: { published: article.published } } };
});
