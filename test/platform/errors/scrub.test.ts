import assert from "node:assert/strict";
import { test } from "node:test";
import { scrubDeep, scrubText } from "../../../src/platform/errors/scrub.ts";

const TOKEN = "7012345678:AAHk3mQ9xYbT2wLz8vNcR4pS6dF1gJ0eKuI";

test("phone numbers in every common notation are masked", () => {
  for (const phone of ["+7 999 123-45-67", "+79991234567", "8 (999) 123 45 67", "+44 20 7946 0958"]) {
    assert.equal(scrubText(`call ${phone} now`, []), "call [redacted-number] now", phone);
  }
});

test("configured secrets, token-shaped strings, connection passwords, e-mails and database key values are masked", () => {
  assert.equal(scrubText("webhook secret s3cr3t-webhook-value leaked", ["s3cr3t-webhook-value"]), "webhook secret [redacted-secret] leaked");
  assert.doesNotMatch(scrubText(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`, []), /AAHk3m/);
  assert.equal(scrubText("connect postgres://botyard:hunter2@db:5432/app", []), "connect postgres://botyard:[redacted]@db:5432/app");
  assert.equal(scrubText("no reply from ann@example.com", []), "no reply from [redacted-email]");
  assert.equal(scrubText("Key (phone)=(Ann Smith) already exists.", []), "Key (phone)=([redacted]) already exists.");
});

test("what is not personal stays readable", () => {
  assert.equal(scrubText("Cannot read properties of undefined (reading 'chat') at dispatcher.ts:141:12", []), "Cannot read properties of undefined (reading 'chat') at dispatcher.ts:141:12");
});

test("every string of an event is scrubbed, however deep", () => {
  const event = { exception: { values: [{ value: `boom ${TOKEN}`, stacktrace: { frames: [{ filename: "a.ts", lineno: 3 }] } }] }, tags: { phone: "+79991234567" } };
  const scrubbed = JSON.stringify(scrubDeep(event, [TOKEN]));
  assert.doesNotMatch(scrubbed, /AAHk3m|79991234567/);
  assert.match(scrubbed, /"lineno":3/);
});
