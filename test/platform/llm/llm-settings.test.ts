import assert from "node:assert/strict";
import { test } from "node:test";
import { llmSettingsOf } from "../../../src/platform/llm/llm-settings.ts";

const base = { LLM_TIMEOUT_MS: 60_000 };

test("no LLM_BASE_URL is no LLM", () => {
  assert.equal(llmSettingsOf({ ...base, LLM_MODEL: "gpt-4o-mini" }), undefined);
});

test("models per role and prices per model are read from their lists", () => {
  const settings = llmSettingsOf({ ...base, LLM_BASE_URL: "http://127.0.0.1:11434/v1/", LLM_MODEL: "qwen2.5:7b", LLM_MODELS: "helpdesk.answer=gpt-4o, tutor.reply=qwen2.5:14b", LLM_PRICES: "gpt-4o=2.5/10" });
  assert.deepEqual(settings, {
    baseUrl: "http://127.0.0.1:11434/v1",
    apiKey: undefined,
    defaultModel: "qwen2.5:7b",
    models: { "helpdesk.answer": "gpt-4o", "tutor.reply": "qwen2.5:14b" },
    prices: { "gpt-4o": { prompt: 2.5, completion: 10 } },
    timeoutMs: 60_000,
  });
});

test("a list that does not read says which variable and what is wrong", () => {
  const url = { ...base, LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_MODEL: "m" };
  assert.throws(() => llmSettingsOf({ ...url, LLM_MODELS: "helpdesk.answer" }), /LLM_MODELS: "helpdesk.answer" is not key=value/);
  assert.throws(() => llmSettingsOf({ ...url, LLM_MODELS: "answer=gpt-4o" }), /LLM_MODELS: "answer" is not <module>.<role>/);
  assert.throws(() => llmSettingsOf({ ...url, LLM_PRICES: "gpt-4o=cheap" }), /LLM_PRICES: the price of gpt-4o/);
  assert.throws(() => llmSettingsOf({ ...base, LLM_BASE_URL: "http://127.0.0.1:11434/v1" }), /set LLM_MODEL/);
});
