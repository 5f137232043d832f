import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nameIn, personName } from "../../../src/platform/domain/names.ts";

describe("a person's name", () => {
  test("is their first and last name joined by a space", () => {
    assert.equal(personName("Anna", "Petrova"), "Anna Petrova");
  });

  test("is the part there is when the other is missing or blank", () => {
    assert.equal(personName("Anna", null), "Anna");
    assert.equal(personName("Anna"), "Anna");
    assert.equal(personName("Anna", " "), "Anna");
    assert.equal(personName(null, "Petrova"), "Petrova");
  });

  test("is empty when there is neither", () => {
    assert.equal(personName(undefined, undefined), "");
    assert.equal(personName("", ""), "");
  });
});

describe("a name kept per language", () => {
  const haircut = { en: "Haircut", ru: "Стрижка", "pt-BR": "Corte de cabelo" };

  test("is read in the reader's language", () => {
    assert.equal(nameIn(haircut, "ru"), "Стрижка");
    assert.equal(nameIn(haircut, "pt-BR"), "Corte de cabelo");
  });

  test("falls back from a regional locale to its language", () => {
    assert.equal(nameIn(haircut, "en-GB"), "Haircut");
  });

  test("falls back to the first fallback that has a name", () => {
    assert.equal(nameIn(haircut, "de", ["uz", "en", "ru"]), "Haircut");
  });

  test("treats an empty name as missing", () => {
    assert.equal(nameIn({ en: "Haircut", ru: "" }, "ru", ["en"]), "Haircut");
  });

  test("is undefined when no language asked for has a name", () => {
    assert.equal(nameIn(haircut, "de"), undefined);
    assert.equal(nameIn({}, "en", ["ru"]), undefined);
  });
});
