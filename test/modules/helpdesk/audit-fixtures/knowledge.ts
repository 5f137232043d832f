/** Audit fixtures of the knowledge base's commands (spread into the help desk's `fixtures`). */
import { createArticle } from "../../../../src/modules/helpdesk/commands/create-article.ts";
import { deleteArticle } from "../../../../src/modules/helpdesk/commands/delete-article.ts";
import { editArticle } from "../../../../src/modules/helpdesk/commands/edit-article.ts";
import { publishArticle } from "../../../../src/modules/helpdesk/commands/publish-article.ts";
import { fixture, type Fixture, type World } from "../../../support/audit-world.ts";

async function draftArticle(world: World): Promise<{ id: number }> {
  const created = await world.runtime.run(world.owner, createArticle, { language: "en", title: "How do I reset my password", body: "Press Forgot password on the sign-in page." });
  if (!created.ok) throw new Error(created.reason);
  return { id: created.article.id };
}

export const fixtures: Record<string, Fixture> = {
  "helpdesk.article.create": fixture({
    run: async (world) => {
      const { id } = await draftArticle(world);
      return { actor: world.owner, objectType: "helpdesk_article", objectId: id };
    },
  }),
  "helpdesk.article.edit": fixture({
    setup: draftArticle,
    run: async (world, { id }) => {
      const edited = await world.runtime.run(world.owner, editArticle, { articleId: id, language: "ru", title: "Как сбросить пароль", body: "Нажмите «Забыли пароль?»." });
      if (!edited.ok) throw new Error(edited.reason);
      return { actor: world.owner, objectType: "helpdesk_article", objectId: id };
    },
  }),
  "helpdesk.article.publish": fixture({
    setup: draftArticle,
    run: async (world, { id }) => {
      const published = await world.runtime.run(world.owner, publishArticle, { articleId: id, published: true });
      if (!published.ok) throw new Error(published.reason);
      return { actor: world.owner, objectType: "helpdesk_article", objectId: id };
    },
  }),
  "helpdesk.article.delete": fixture({
    setup: draftArticle,
    run: async (world, { id }) => {
      const deleted = await world.runtime.run(world.owner, deleteArticle, { articleId: id });
      if (!deleted.ok) throw new Error(deleted.reason);
      return { actor: world.owner, objectType: "helpdesk_article", objectId: id };
    },
  }),
};
