import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { z } from "zod";
import { createLlm, LlmError, type ModuleLlm } from "../../../src/platform/llm/llm-client.ts";
import type { LlmSettings } from "../../../src/platform/llm/llm-settings.ts";
import { createLogger } from "../../../src/platform/log.ts";
import { databaseKinds, migratedDatabase } from "../../support/databases.ts";
import { startFakeLlm, type FakeLlm } from "../../support/fake-llm.ts";

const logger = createLogger({ level: "silent" });
const BOT = "salon";
const triage = z.object({ topic: z.enum(["billing", "repair", "other"]), urgent: z.boolean() });
const ask = { botId: BOT, role: "classify", messages: [{ role: "user" as const, content: "The coffee machine is leaking!" }], reply: triage, replyName: "triage" };

/** What rejected with an LlmError of `kind`. */
async function failsWith(call: Promise<unknown>, kind: LlmError["kind"]): Promise<string> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof LlmError, String(error));
    assert.equal(error.kind, kind, error.message);
    return error.message;
  }
  assert.fail(`expected an LlmError (${kind})`);
}

for (const kind of databaseKinds) {
  describe(`the LLM client on ${kind.name}`, { skip: kind.skip }, () => {
    const suite = migratedDatabase(kind);
    let fake: FakeLlm;
    let settings: LlmSettings;
    const llmOf = (module: string, overrides: Partial<LlmSettings> = {}): ModuleLlm =>
      createLlm({ settings: { ...settings, ...overrides }, db: suite.database.db, clock: { now: () => new Date("2026-12-02T10:00:00Z") }, dayOf: () => "2026-12-02", logger, backoffMs: [10, 20] }).forModule(module);
    const usage = () => suite.database.db.selectFrom("llm_usage").selectAll().orderBy("module").orderBy("model").execute();

    before(async () => {
      fake = await startFakeLlm();
      settings = { baseUrl: fake.url, apiKey: "sk-test", defaultModel: "small", models: { "helpdesk.answer": "large" }, prices: { small: { prompt: 0.15, completion: 0.6 } }, timeoutMs: 5_000 };
      await suite.database.db.insertInto("bot").values({ id: BOT, telegram_id: 42, username: "salon_bot", settings: JSON.stringify({}) }).execute();
    });
    after(() => fake.close());
    beforeEach(async () => {
      fake.requests.length = 0;
      await suite.database.db.deleteFrom("llm_usage").execute();
    });

    test("a reply that fits the schema comes back typed; the schema was asked for, with the role's model and the key", async () => {
      fake.script({ reply: { topic: "repair", urgent: true }, promptTokens: 1000, completionTokens: 100 });
      const reply = await llmOf("helpdesk").complete(ask);
      assert.deepEqual(reply, { value: { topic: "repair", urgent: true }, model: "small", promptTokens: 1000, completionTokens: 100, attempts: 1 });
      const [request] = fake.requests;
      assert.equal(request?.authorization, "Bearer sk-test");
      assert.equal(request?.body.model, "small", "helpdesk.classify has no model of its own: the default");
      assert.equal(request?.body.response_format?.type, "json_schema");
      assert.equal(request?.body.response_format?.json_schema?.name, "triage");
      assert.deepEqual((request?.body.response_format?.json_schema?.schema as { required: string[] }).required, ["topic", "urgent"]);
      fake.script({ reply: { topic: "other", urgent: false } });
      assert.equal((await llmOf("helpdesk").complete({ ...ask, role: "answer" })).model, "large", "helpdesk.answer is named in LLM_MODELS");
    });

    test("usage is recorded per bot, module, model and day, costed by the model's price", async () => {
      fake.script({ reply: { topic: "repair", urgent: true }, promptTokens: 1000, completionTokens: 100 }, { reply: { topic: "billing", urgent: false }, promptTokens: 500, completionTokens: 50 });
      await llmOf("helpdesk").complete(ask);
      await llmOf("helpdesk").complete(ask);
      fake.script({ reply: { topic: "other", urgent: false }, promptTokens: 7, completionTokens: 3 });
      await llmOf("tutor").complete({ ...ask, role: "answer" });
      assert.deepEqual(
        (await usage()).map((row) => [row.bot_id, row.module, row.model, row.day, row.calls, row.prompt_tokens, row.completion_tokens, row.cost_micros]),
        [
          // 1,500 prompt tokens at 0.15 and 150 completion tokens at 0.60 per million: 225 + 90 millionths.
          [BOT, "helpdesk", "small", "2026-12-02", 2, 1500, 150, 315],
          [BOT, "tutor", "small", "2026-12-02", 1, 7, 3, 3], // 2.85 millionths, rounded
        ],
      );
    });

    test("a reply that does not fit is sent back once with what is wrong, and the repaired one is used", async () => {
      fake.script({ reply: { topic: "plumbing", urgent: "yes" } }, { reply: "```json\n{\"topic\": \"repair\", \"urgent\": true}\n```" });
      const reply = await llmOf("helpdesk").complete(ask);
      assert.deepEqual([reply.value, reply.attempts, reply.promptTokens], [{ topic: "repair", urgent: true }, 2, 200]);
      const repair = fake.requests[1]?.body.messages ?? [];
      assert.deepEqual(repair.slice(0, 2), [...ask.messages, { role: "assistant", content: JSON.stringify({ topic: "plumbing", urgent: "yes" }) }]);
      assert.match(repair[2]?.content ?? "", /topic: .*urgent: /s);
      assert.equal((await usage())[0]?.calls, 2, "both requests are counted");
    });

    test("two replies in a row that do not fit fail the call", async () => {
      fake.script({ reply: "not json at all" }, { reply: { topic: "repair" } });
      assert.match(await failsWith(llmOf("helpdesk").complete(ask), "invalid-reply"), /urgent/);
      assert.equal(fake.requests.length, 2);
    });

    test("a 429 waits as retry-after says, then the reply is delivered", async () => {
      fake.script({ status: 429, retryAfterMs: 150 }, { reply: { topic: "billing", urgent: false } });
      const reply = await llmOf("helpdesk").complete(ask);
      assert.equal(reply.value.topic, "billing");
      const [first, second] = fake.requests;
      assert.ok(second!.at - first!.at >= 150, `asked again after ${second!.at - first!.at} ms`);
    });

    test("a 429 asking for longer than the call has left fails at once as unavailable", async () => {
      fake.script({ status: 429, retryAfterSeconds: 120 });
      const started = Date.now();
      await failsWith(llmOf("helpdesk").complete(ask), "unavailable");
      assert.equal(fake.requests.length, 1);
      assert.ok(Date.now() - started < 4_000, "it did not sit out the wait");
    });

    test("5xx answers are retried; when they go on, the call fails as unavailable", async () => {
      fake.script({ status: 502 }, { reply: { topic: "other", urgent: false } });
      assert.equal((await llmOf("helpdesk").complete(ask)).value.topic, "other");
      fake.script({ status: 500 }, { status: 503 }, { status: 500 });
      await failsWith(llmOf("helpdesk").complete(ask), "unavailable");
      assert.equal(fake.requests.length, 2 + 3);
    });

    test("a slow endpoint runs into the call's time and fails as a timeout", async () => {
      fake.script({ reply: { topic: "other", urgent: false }, delayMs: 1_000 });
      await failsWith(llmOf("helpdesk", { timeoutMs: 150 }).complete(ask), "timeout");
    });

    test("a refused request or a declining model fails as refused, and is not retried", async () => {
      fake.script({ status: 400, body: JSON.stringify({ error: { message: "model not found" } }) });
      assert.match(await failsWith(llmOf("helpdesk").complete(ask), "refused"), /model not found/);
      fake.script({ refusal: "I cannot help with that" });
      assert.match(await failsWith(llmOf("helpdesk").complete(ask), "refused"), /cannot help/);
      assert.equal(fake.requests.length, 2);
    });

    test("without an LLM configured a call fails as not configured, asking nobody", async () => {
      const llm = createLlm({ settings: undefined, db: suite.database.db, clock: { now: () => new Date() }, dayOf: () => "2026-12-02", logger }).forModule("helpdesk");
      assert.equal(llm.configured, false);
      await failsWith(llm.complete(ask), "not-configured");
      assert.equal(fake.requests.length, 0);
    });
  });
}
