import assert from "node:assert/strict";
import { test } from "node:test";
import { checkArticle } from "../../../../src/modules/helpdesk/knowledge/article-draft.ts";
import { QUESTION_SEARCH_WORDS, questionQuery } from "../../../../src/modules/helpdesk/knowledge/question-query.ts";
import { searchConfigurationOf } from "../../../../src/modules/helpdesk/knowledge/search-configuration.ts";

test("a question becomes its distinct words, any of which may match", () => {
  assert.equal(questionQuery("Hi! How do I reset my password? My PASSWORD."), "hi or how or do or i or reset or my or password");
  assert.equal(questionQuery("Как вернуть деньги за заказ №123?"), "как or вернуть or деньги or за or заказ or 123");
});

test("nothing a user types reads as search syntax", () => {
  assert.equal(questionQuery('"reset -password" or not'), "reset or password or not");
});

test("a question without words is no query", () => {
  for (const question of ["", "  \n ", "?!...", "«»—", "🙂", "or OR"]) assert.equal(questionQuery(question), null, question);
});

test("only the first words of a very long question are searched", () => {
  const words = Array.from({ length: QUESTION_SEARCH_WORDS + 5 }, (_, index) => `w${index}`);
  assert.equal(questionQuery(words.join(" ")), words.slice(0, QUESTION_SEARCH_WORDS).join(" or "));
});

test("English and Russian are stemmed; other languages are matched word for word", () => {
  assert.deepEqual(["en", "ru", "uz", "de"].map(searchConfigurationOf), ["english", "russian", "simple", "simple"]);
});

test("an article is kept tidied, in one of the bot's languages", () => {
  assert.deepEqual(checkArticle({ language: "ru", title: " Оплата \n заказа ", body: "\n Карты.\n\nСБП. " }, ["ru", "en"]), { ok: true, article: { language: "ru", title: "Оплата заказа", body: "Карты.\n\nСБП." } });
  assert.deepEqual(checkArticle({ language: "de", title: "Titel", body: "Text" }, ["ru", "en"]), { ok: false, reason: "language-unknown" });
});
