import assert from "node:assert/strict";
import { describe, test } from "node:test";
import Fastify from "fastify";
import { installErrorAnswers } from "../../../src/platform/http/error-answers.ts";
import { MAX_JSON_DEPTH, installJsonBodyParser, nestsDeeperThan } from "../../../src/platform/http/json-body.ts";

async function echoApp() {
  const app = Fastify();
  installJsonBodyParser(app);
  installErrorAnswers(app);
  app.post("/echo", (request) => ({ body: request.body }));
  await app.ready();
  return app;
}

const post = (app: Awaited<ReturnType<typeof echoApp>>, payload: string) =>
  app.inject({ method: "POST", url: "/echo", headers: { "content-type": "application/json" }, payload });

describe("JSON request bodies", () => {
  test("a body nested 10,000 deep is a clear 400, not a stack overflow", async () => {
    const app = await echoApp();
    const response = await post(app, `{"update_id":1,"message":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), { error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    await app.close();
  });

  test("a body as deep as allowed is parsed as usual", async () => {
    const app = await echoApp();
    const payload = `${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`;
    const response = await post(app, payload);
    assert.equal(response.statusCode, 200);
    assert.equal(JSON.stringify(response.json<{ body: unknown }>().body), payload);
    await app.close();
  });

  test("brackets inside strings do not count, escaped quotes included", () => {
    assert.equal(nestsDeeperThan(JSON.stringify({ text: `\\"${"[{".repeat(500)}` }), 2), false);
    assert.equal(nestsDeeperThan("[[[]]]", 2), true);
  });

  test("prototype poisoning is still refused", async () => {
    const app = await echoApp();
    const response = await post(app, '{"__proto__":{"admin":true}}');
    assert.equal(response.statusCode, 400);
    await app.close();
  });
});
