import assert from "node:assert/strict";
import { describe, test } from "node:test";
import Fastify, { type FastifyBaseLogger } from "fastify";
import { installErrorAnswers } from "../../../src/platform/http/error-answers.ts";
import { capturedLog } from "../../support/captured-log.ts";

async function appThatThrows(error: Error) {
  const log = capturedLog();
  const logger: FastifyBaseLogger = log.logger;
  const app = Fastify({ loggerInstance: logger });
  installErrorAnswers(app);
  app.post("/boom", () => {
    throw error;
  });
  await app.ready();
  return { app, log };
}

describe("answers to requests that threw", () => {
  test("a database error is a 500 with a generic body, its detail in the log only", async () => {
    const error = Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05", detail: "\\u0000 cannot be converted to text." });
    const { app, log } = await appThatThrows(error);
    const response = await app.inject({ method: "POST", url: "/boom", payload: { a: 1 } });
    assert.equal(response.statusCode, 500);
    assert.deepEqual(response.json(), { error: "internal error" });
    assert.doesNotMatch(response.body, /22P05|Unicode|stack/);
    const line = log.lines.find((entry) => entry.msg === "request failed");
    assert.ok(line !== undefined);
    assert.match(JSON.stringify(line.err), /22P05/);
    await app.close();
  });

  test("a stack overflow is a 500 with a generic body", async () => {
    const { app } = await appThatThrows(new RangeError("Maximum call stack size exceeded"));
    const response = await app.inject({ method: "POST", url: "/boom", payload: {} });
    assert.equal(response.statusCode, 500);
    assert.deepEqual(response.json(), { error: "internal error" });
    await app.close();
  });

  test("a client's mistake Fastify found keeps its status and says what is wrong", async () => {
    const { app } = await appThatThrows(new Error("never reached"));
    const response = await app.inject({ method: "POST", url: "/boom", headers: { "content-type": "application/json" }, payload: "{not json" });
    assert.equal(response.statusCode, 400);
    assert.match(response.json<{ error: string }>().error, /JSON/);
    await app.close();
  });
});
