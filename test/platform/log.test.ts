import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { createLogger, redactSecrets } from "../../src/platform/log.ts";

const TOKEN = "1234567890:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

function captured(secrets?: string[]) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ level: "info", destination, ...(secrets === undefined ? {} : { secrets }) }) };
}

test("a bot token never reaches the log, in a message, a field or a URL", () => {
  const { lines, logger } = captured();
  logger.info({ url: `https://api.telegram.org/bot${TOKEN}/getMe`, token: TOKEN }, `calling with ${TOKEN}`);
  logger.error({ err: new Error(`request to /bot${TOKEN}/sendMessage failed`) }, "failed");
  const output = lines.join("");
  assert.ok(output.length > 0);
  assert.ok(!output.includes("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"), output);
});

test("a configured token is hidden whatever its shape, as written and URL-encoded", () => {
  const { lines, logger } = captured(["4242:plainsecret"]);
  logger.warn({ err: new Error("request to http://127.0.0.1:9/bot4242:plainsecret/getMe failed") }, "getMe failed");
  logger.info({ url: "/bot4242%3Aplainsecret/getUpdates" }, "polling");
  const output = lines.join("");
  assert.ok(output.includes("/bot[redacted-token]/getMe"), output);
  assert.ok(!output.includes("plainsecret"), output);
});

test("secret URL parameters and the webhook secret header are hidden", () => {
  const { lines, logger } = captured();
  logger.info({ link: "https://panel.example/login?token=abcdef123456", headers: { "x-telegram-bot-api-secret-token": "s3cr3t-value" } }, "request");
  const output = lines.join("");
  assert.ok(!output.includes("abcdef123456"));
  assert.ok(!output.includes("s3cr3t-value"));
});

test("the secret in an iCal feed URL is hidden, in the request line and in any field", () => {
  const { lines, logger } = captured();
  const secret = "Xk3_9vQ-2mZpL8rT5wYbN1cD4eF6gH7jK0aS2dF3gH4";
  logger.info({ req: { method: "GET", url: `/api/booking/feed/${secret}.ics` } }, "incoming request");
  logger.info({ link: `https://salon.example/api/booking/feed/${secret}.ics` }, `feed link for Anna: /api/booking/feed/${secret}.ics`);
  const output = lines.join("");
  assert.ok(output.includes("/api/booking/feed/[redacted].ics"), output);
  assert.ok(!output.includes(secret), output);
});

test("ordinary text is left as it is", () => {
  assert.equal(redactSecrets("update 123:45 handled in 12 ms"), "update 123:45 handled in 12 ms");
});
