import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Kysely } from "kysely";
import { matchingArticles } from "../../../../src/modules/helpdesk/knowledge/matching-articles.ts";
import type { KnowledgeTables } from "../../../../src/modules/helpdesk/knowledge/tables.ts";
import * as knowledge0100 from "../../../../src/modules/helpdesk/migrations/helpdesk_0100_knowledge.ts";
import { databaseKinds, migratedDatabase } from "../../../support/databases.ts";

const SHOP = "shop";
const OTHER = "other";

for (const kind of databaseKinds) {
  describe(`the knowledge base's search, on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind, { helpdesk_0100_knowledge: knowledge0100 });
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
}
