import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { ARTICLE_COLUMNS, presentArticle } from "../knowledge/article-view.ts";
import type { KnowledgeTables } from "../knowledge/tables.ts";

export type DeleteArticleOutcome = Outcome<{ id: number }, "article-unknown">;

/** Staff delete an article; the audit row keeps what it said. */
export const deleteArticle = defineCommand("helpdesk.article.delete", async (scope: CommandScope<KnowledgeTables>, input: { articleId: number }): Promise<UseCaseOutcome<DeleteArticleOutcome>> => {
  const before = await scope.trx.deleteFrom("helpdesk_article").where("bot_id", "=", scope.actor.botId).where("id", "=", input.articleId).returning(ARTICLE_COLUMNS).executeTakeFirst();
  if (before === undefined) return { result: refusal("article-unknown"), audit: null };
  return { result: { ok: true, id: before.id }, audit: { objectType: "helpdesk_article", objectId: before.id, before: presentArticle(before) } };
});
