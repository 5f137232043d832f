import assert from "node:assert/strict";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import { createArticle } from "../../../../src/modules/helpdesk/commands/create-article.ts";
import { deleteArticle } from "../../../../src/modules/helpdesk/commands/delete-article.ts";
import { editArticle } from "../../../../src/modules/helpdesk/commands/edit-article.ts";
import { publishArticle } from "../../../../src/modules/helpdesk/commands/publish-article.ts";
import { ARTICLE_BODY_MAX, ARTICLE_TITLE_MAX, type ArticleProblem } from "../../../../src/modules/helpdesk/knowledge/article-draft.ts";
import { matchingArticles } from "../../../../src/modules/helpdesk/knowledge/matching-articles.ts";
import type { KnowledgeTables } from "../../../../src/modules/helpdesk/knowledge/tables.ts";
import { helpdeskModule } from "../../../../src/modules/helpdesk/module.ts";
import { testKernel } from "../../../support/module-kernel.ts";
import type { Actor } from "../../../../src/platform/audit/use-case.ts";
import type { CommandRuntime } from "../../../../src/platform/commands/command-runtime.ts";
import { cataloguesIn, platformCatalogues } from "../../../../src/platform/i18n/catalogues.ts";
import { Translator } from "../../../../src/platform/i18n/translator.ts";
import { LiveSettings } from "../../../../src/platform/settings/live-settings.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

const SHOP = "shop";
const OTHER = "other";
const DESK = "desk";
const ADMIN = 810_001;
const knowledgeCatalogues = cataloguesIn(join(import.meta.dirname, "../../../../src/modules/helpdesk/locales/knowledge"));

for (const kind of databaseKinds) {
  describe(`the knowledge base, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, helpdeskModule.migrations);

    describe("its search", () => {
      const db = () => suite.database.db as unknown as Kysely<KnowledgeTables>;
      const titles = async (languages: string[], question: string, botId = SHOP) => (await matchingArticles(db(), botId, languages, question)).map((article) => article.title);
      let day = 0;
      const add = async (botId: string, language: string, title: string, body: string, published = true) => {
        const at = new Date(Date.UTC(2026, 11, 1 + day++));
        await db().insertInto("helpdesk_article").values({ bot_id: botId, language, title, body, published, created_at: at, updated_at: at }).execute();
      };

      before(async () => {
        await suite.database.db.insertInto("bot").values([SHOP, OTHER].map((id, index) => ({ id, telegram_id: 6_100_001 + index, username: `${id}_bot`, settings: JSON.stringify({ timeZone: "Europe/Moscow", languages: ["ru", "en"], modules: null }) }))).execute();
        await add(SHOP, "ru", "Как вернуть деньги за заказ", "Откройте заказ в личном кабинете и нажмите «Вернуть». Деньги придут на карту за 3–5 дней.");
        await add(SHOP, "ru", "Оплата заказа", "Принимаем карты и СБП. Счёт для юрлиц высылаем по почте.");
        await add(SHOP, "ru", "Сроки доставки", "Курьер привозит заказ за 1–2 дня, в регионы — до недели.");
        await add(SHOP, "ru", "Как сбросить пароль", "Нажмите «Забыли пароль?» на странице входа.");
        await add(SHOP, "en", "How do I reset my password", "Press Forgot password on the sign-in page and follow the link we email you.");
        await add(SHOP, "en", "Delivery times", "A courier brings your order in 1-2 days.");
        await add(SHOP, "en", "Refunds", "Open the order and press Refund.", false);
        await add(OTHER, "en", "Refunds at the other shop", "Write to the other shop's staff for a refund.");
      });

      test("a Russian question finds the article in other word forms of its words", async () => {
        assert.equal((await titles(["ru"], "Как мне вернуть деньги?"))[0], "Как вернуть деньги за заказ");
        assert.equal((await titles(["ru"], "хочу вернуть деньги за два заказа"))[0], "Как вернуть деньги за заказ");
        assert.equal((await titles(["ru"], "не могу оплатить заказы"))[0], "Оплата заказа");
        assert.equal((await titles(["ru"], "сброс пароля"))[0], "Как сбросить пароль");
      });

      test("Russian stemming does not join different words of one root", async () => {
        // The Snowball stemmer keeps "возврат" and "вернуть", "денег" and "деньги" apart.
        assert.deepEqual(await titles(["ru"], "возврат денег"), []);
      });

      test("an English question finds the article in other word forms of its words", async () => {
        assert.deepEqual(await titles(["en"], "password resetting"), ["How do I reset my password"]);
        assert.deepEqual(await titles(["en"], "Hi! I forgot my passwords, how can I reset them?"), ["How do I reset my password"]);
      });

      test("an unpublished article is never offered, nor another bot's", async () => {
        assert.deepEqual(await titles(["en"], "refunds"), []);
        assert.deepEqual(await titles(["en"], "refunds", OTHER), ["Refunds at the other shop"]);
      });

      test("at most three articles are offered, the one sharing most words with the question first", async () => {
        const found = await titles(["ru"], "заказ: оплата, доставка, вернуть деньги, пароль");
        assert.equal(found.length, 3);
        assert.equal(new Set(found).size, 3);
        assert.equal(found[0], "Как вернуть деньги за заказ");
      });

      test("the user's language answers first, then the bot's first language", async () => {
        assert.deepEqual(await titles(["en", "ru"], "courier delivery"), ["Delivery times"]);
        assert.deepEqual(await titles(["en", "ru"], "сроки доставки"), ["Сроки доставки"]);
        assert.deepEqual(await titles(["uz", "ru"], "сроки доставки"), ["Сроки доставки"]);
      });

      test("an empty or punctuation-only question finds nothing, without an error", async () => {
        for (const question of ["", "   ", "?!...", "«»—", "🙂🙂", '"', "-", "or"]) assert.deepEqual(await titles(["ru", "en"], question), [], question);
      });

      test("search syntax typed by the user is read as words", async () => {
        assert.deepEqual(await titles(["en"], '"password -reset'), ["How do I reset my password"]);
      });
    });

    describe("its commands", () => {
      const clock = { at: new Date("2026-12-01T10:00:00Z"), now: () => clock.at };
      const admin: Actor = { botId: DESK, personId: ADMIN, source: "web" };
      let runtime: CommandRuntime;
      const db = () => suite.database.db as unknown as Kysely<KnowledgeTables>;
      const articles = () => db().selectFrom("helpdesk_article").select(["id", "language", "title", "body", "published"]).orderBy("id").execute();
      const auditOf = (action: string) => suite.database.db.selectFrom("audit_log").select(["actor_id", "source", "object_type", "object_id", "before", "after"]).where("action", "=", action).orderBy("id").execute();
      /** What editing, publishing and deleting the article answer, as `actor`. */
      const changesOf = async (actor: Actor, articleId: number) => [
        await runtime.run(actor, editArticle, { articleId, language: "ru", title: "Взлом", body: "Взлом" }),
        await runtime.run(actor, publishArticle, { articleId, published: true }),
        await runtime.run(actor, deleteArticle, { articleId }),
      ];
      const unknownEverywhere = Array(3).fill({ ok: false, reason: "article-unknown" });
      const create = (title: string, body: string, language = "ru") => runtime.run(admin, createArticle, { language, title, body });

      before(async () => {
        const database = suite.database.db;
        await database.insertInto("bot").values({ id: DESK, telegram_id: 6_200_001, username: "shop_bot", settings: JSON.stringify({ timeZone: "Europe/Moscow", languages: ["ru", "en"], modules: null }) }).execute();
        await database.insertInto("person").values({ telegram_id: ADMIN, first_name: "Vera", last_name: null, username: null, language_code: "ru" }).execute();
        await database.insertInto("bot_member").values({ bot_id: DESK, telegram_id: ADMIN }).execute();
        const translator = new Translator([...platformCatalogues(), ...knowledgeCatalogues]);
        const settings = new LiveSettings(database, translator);
        await settings.refresh();
        runtime = testKernel({
          database: suite.database,
          translator,
          settings,
          clock,
        }).runtime;
      });

      test("a new article is a tidied draft, offered to nobody, with its audit row", async () => {
        const outcome = await create("  Как   вернуть деньги за заказ ", "\nОткройте заказ и нажмите «Вернуть».\n\nДеньги придут за 3–5 дней.  ");
        assert.ok(outcome.ok);
        assert.deepEqual({ ...outcome.article, id: 0 }, { id: 0, language: "ru", title: "Как вернуть деньги за заказ", body: "Откройте заказ и нажмите «Вернуть».\n\nДеньги придут за 3–5 дней.", published: false, updatedAt: clock.at.toISOString() });
        assert.deepEqual(await matchingArticles(db(), DESK, ["ru"], "вернуть деньги"), []);
        const [row] = await auditOf("helpdesk.article.create");
        assert.deepEqual({ ...row, after: undefined }, { actor_id: ADMIN, source: "web", object_type: "helpdesk_article", object_id: String(outcome.article.id), before: null, after: undefined });
        assert.equal((row!.after as { title: string }).title, "Как вернуть деньги за заказ");
      });

      test("a published article is offered; taken back to a draft it is not; each change is audited", async () => {
        const created = await create("Оплата заказа", "Принимаем карты и СБП.");
        assert.ok(created.ok);
        const id = created.article.id;
        clock.at = new Date("2026-12-01T11:00:00Z");
        const published = await runtime.run(admin, publishArticle, { articleId: id, published: true });
        assert.ok(published.ok && published.article.published);
        assert.deepEqual((await matchingArticles(db(), DESK, ["ru"], "как оплатить заказ?")).map((article) => article.id), [id]);
        await runtime.run(admin, publishArticle, { articleId: id, published: false });
        assert.deepEqual(await matchingArticles(db(), DESK, ["ru"], "как оплатить заказ?"), []);
        const audit = (await auditOf("helpdesk.article.publish")).filter((row) => row.object_id === String(id));
        assert.deepEqual(audit.map((row) => [row.before, row.after]), [[{ published: false }, { published: true }], [{ published: true }, { published: false }]]);
      });

      test("an edited article is found by its new words, not its old ones, and stays published", async () => {
        const created = await create("Доставка", "Курьер привозит заказ за день.");
        assert.ok(created.ok);
        const id = created.article.id;
        await runtime.run(admin, publishArticle, { articleId: id, published: true });
        const edited = await runtime.run(admin, editArticle, { articleId: id, language: "en", title: "Delivery times", body: "A courier brings your order in a day." });
        assert.ok(edited.ok && edited.article.published);
        assert.deepEqual(await matchingArticles(db(), DESK, ["ru"], "курьер"), []);
        assert.deepEqual((await matchingArticles(db(), DESK, ["en"], "when will the courier come")).map((article) => article.id), [id]);
        const [row] = (await auditOf("helpdesk.article.edit")).filter((audit) => audit.object_id === String(id));
        assert.equal((row!.before as { title: string }).title, "Доставка");
        assert.equal((row!.after as { title: string }).title, "Delivery times");
      });

      test("a deleted article is gone, and its audit row keeps what it said", async () => {
        const created = await create("Устаревшая статья", "Больше не нужна.");
        assert.ok(created.ok);
        assert.deepEqual(await runtime.run(admin, deleteArticle, { articleId: created.article.id }), { ok: true, id: created.article.id });
        assert.equal((await articles()).find((article) => article.id === created.article.id), undefined);
        const [row] = (await auditOf("helpdesk.article.delete")).filter((audit) => audit.object_id === String(created.article.id));
        assert.equal((row!.before as { body: string }).body, "Больше не нужна.");
        assert.deepEqual(await runtime.run(admin, deleteArticle, { articleId: created.article.id }), { ok: false, reason: "article-unknown" });
      });

      test("bad articles are refused, each with a reason in Russian and English, and change nothing", async () => {
        const kept = await create("Сохранённая", "Текст.");
        assert.ok(kept.ok);
        const rowsBefore = await articles();
        const auditBefore = await suite.database.db.selectFrom("audit_log").select("id").execute();
        const cases: [ArticleProblem, { language: string; title: string; body: string }][] = [
          ["title-missing", { language: "ru", title: " \n ", body: "Текст." }],
          ["title-too-long", { language: "ru", title: "а".repeat(ARTICLE_TITLE_MAX + 1), body: "Текст." }],
          ["body-missing", { language: "ru", title: "Заголовок", body: "   " }],
          ["body-too-long", { language: "ru", title: "Заголовок", body: "б".repeat(ARTICLE_BODY_MAX + 1) }],
          ["language-unknown", { language: "de", title: "Titel", body: "Text." }],
        ];
        const translator = new Translator(knowledgeCatalogues);
        for (const [reason, draft] of cases) {
          assert.deepEqual(await runtime.run(admin, createArticle, draft), { ok: false, reason }, reason);
          assert.deepEqual(await runtime.run(admin, editArticle, { articleId: kept.article.id, ...draft }), { ok: false, reason }, reason);
          assert.ok(translator.has("en", `helpdesk-knowledge-${reason}`) && translator.has("ru", `helpdesk-knowledge-${reason}`), reason);
        }
        assert.match(translator.translate(undefined, "ru", "helpdesk-knowledge-title-too-long"), new RegExp(String(ARTICLE_TITLE_MAX)));
        assert.match(translator.translate(undefined, "en", "helpdesk-knowledge-body-too-long"), new RegExp(String(ARTICLE_BODY_MAX)));
        assert.deepEqual(await changesOf(admin, 999_999), unknownEverywhere);
        assert.ok(translator.has("en", "helpdesk-knowledge-article-unknown") && translator.has("ru", "helpdesk-knowledge-article-unknown"));
        assert.deepEqual(await articles(), rowsBefore);
        assert.equal((await suite.database.db.selectFrom("audit_log").select("id").execute()).length, auditBefore.length);
      });

      test("another bot's article cannot be edited, published or deleted", async () => {
        await suite.database.db.insertInto("bot").values({ id: "elsewhere", telegram_id: 6_200_002, username: "elsewhere_bot", settings: JSON.stringify({ timeZone: "Europe/Moscow", languages: ["ru"], modules: null }) }).execute();
        const created = await create("Чужая статья", "Текст.");
        assert.ok(created.ok);
        const stranger: Actor = { botId: "elsewhere", personId: ADMIN, source: "web" };
        assert.deepEqual(await changesOf(stranger, created.article.id), unknownEverywhere);
        assert.deepEqual((await articles()).find((article) => article.id === created.article.id), { id: created.article.id, language: "ru", title: "Чужая статья", body: "Текст.", published: false });
      });
    });
  });
}
