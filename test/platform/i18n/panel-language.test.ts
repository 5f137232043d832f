import assert from "node:assert/strict";
import { test } from "node:test";
import { PANEL_LOCALES } from "../../../src/platform/i18n/panel-catalogues.ts";
import { acceptedLanguages, panelLanguageOf } from "../../../src/platform/i18n/panel-language.ts";

const THREE = ["en", "ru", "uz"];
const facts = (chosen: string | null, telegramLanguage: string | null, botLanguages: string[] = ["en"]) => ({ chosen, telegramLanguage, botLanguages });

test("the panel speaks the languages whose platform panel catalogues are present", () => {
  assert.ok(PANEL_LOCALES.includes("en"));
  assert.ok(PANEL_LOCALES.includes("ru"));
});

test("a person's choice wins over their Telegram language", () => {
  assert.equal(panelLanguageOf(facts("en", "ru"), [], THREE), "en");
  assert.equal(panelLanguageOf(facts("uz", "ru"), [], THREE), "uz");
});

test("a choice the panel no longer speaks is passed over for the Telegram language", () => {
  assert.equal(panelLanguageOf(facts("de", "ru"), [], THREE), "ru");
});

test("the Telegram language is matched to the panel's languages, region and all", () => {
  assert.equal(panelLanguageOf(facts(null, "ru"), [], THREE), "ru");
  assert.equal(panelLanguageOf(facts(null, "en-GB", ["ru"]), [], THREE), "en");
  assert.equal(panelLanguageOf(facts(null, "uz-Latn-UZ"), [], THREE), "uz");
});

test("a Telegram language the panel does not speak gives the bot's default", () => {
  assert.equal(panelLanguageOf(facts(null, "de", ["ru", "en"]), [], THREE), "ru");
  assert.equal(panelLanguageOf(facts(null, "de", ["kk"]), [], THREE), "en", "English when the bot's default is not a panel language either");
});

test("someone Telegram told nothing about gets the browser's language, else the bot's default", () => {
  assert.equal(panelLanguageOf(facts(null, null, ["en"]), ["ru-RU", "en"], THREE), "ru");
  assert.equal(panelLanguageOf(facts(null, null, ["ru"]), [], THREE), "ru");
  assert.equal(panelLanguageOf(facts(null, "en", ["en"]), ["ru"], THREE), "en", "Telegram's language goes before the browser's");
});

test("Accept-Language is read in order of preference", () => {
  assert.deepEqual(acceptedLanguages("en;q=0.5, ru-RU, uz;q=0.8, *;q=0.1"), ["ru-RU", "uz", "en"]);
  assert.deepEqual(acceptedLanguages(undefined), []);
  assert.deepEqual(acceptedLanguages("de;q=0"), []);
});
