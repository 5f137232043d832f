import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { Composer } from "grammy";
import type { RunningApp } from "../../src/main.ts";
import { defineModule } from "../../src/platform/module.ts";
import type { BotyardContext } from "../../src/platform/telegram/context.ts";
import type { BotApiEmulator } from "../../src/sandbox/emulator.ts";
import { TEST_TOKEN, appEnv, startAppInProcess, startEmulator } from "../support/app.ts";
import { freshPglite, platformOnly, type TestDatabase } from "../support/databases.ts";
import { TelegramUser, eventually } from "../support/telegram-user.ts";

const PHONE = "+7 999 123-45-67";

/** `/boom` fails the way careless code does: the client's phone and the bot's token inside the error. */
const carelessModule = defineModule({
  name: "careless",
  composer: () => {
    const composer = new Composer<BotyardContext>();
    composer.command("boom", () => {
      throw new Error(`the calendar exploded calling ${PHONE} via https://api.telegram.org/bot${TEST_TOKEN}/sendMessage`, { cause: new Error(`retry for 89991234567 failed`) });
    });
    return composer;
  },
});

/** Plays Sentry's ingestion endpoint: keeps every envelope posted to it. */
function fakeSentry(): { server: Server; envelopes: string[] } {
  const envelopes: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      envelopes.push((request.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString("utf8"));
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return { server, envelopes };
}

describe("errors reach the error tracker without personal data or secrets", { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let app: RunningApp;
  const sentry = fakeSentry();

  before(async () => {
    await new Promise<void>((resolve) => sentry.server.listen(0, "127.0.0.1", resolve));
    const { port } = sentry.server.address() as AddressInfo;
    database = await freshPglite(platformOnly);
    emulator = await startEmulator();
    app = await startAppInProcess(appEnv(emulator.url, database, { SENTRY_DSN: `http://publickey@127.0.0.1:${port}/42` }), [carelessModule]);
  });
  after(async () => {
    await app.stop("test over");
    await emulator.close();
    await database.drop();
    sentry.server.close();
  });

  test("a handler's error is sent to SENTRY_DSN with its message and stack, the phone number and the token masked", async () => {
    const ann = new TelegramUser(emulator.control, { first_name: "Annabel", language_code: "en" });
    ann.send("/boom");
    await ann.replyContaining("Sorry, something went wrong");
    const envelope = await eventually(() => sentry.envelopes.find((body) => body.includes("the calendar exploded")), "the error's event at the fake Sentry");
    assert.match(envelope, /"type":"Error"/, "the exception is in the event");
    assert.match(envelope, /"filename":"[^"]*error-tracking\.test\.ts"/, "with its stack");
    assert.match(envelope, /retry for \[redacted-number\] failed/, "the cause is sent too, masked");
    for (const secret of [PHONE, "999 123-45-67", "89991234567", TEST_TOKEN, "test-token-for-botyard-e2e", "Annabel", String(ann.id)]) {
      assert.ok(!sentry.envelopes.some((body) => body.includes(secret)), `${secret} never reaches Sentry`);
    }
  });
});
