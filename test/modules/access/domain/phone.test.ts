import assert from "node:assert/strict";
import { test } from "node:test";
import { normalisePhone } from "../../../../src/modules/access/domain/phone.ts";

test("a shared contact's number becomes E.164, with or without its plus", () => {
  assert.equal(normalisePhone("79001234567", "contact"), "+79001234567");
  assert.equal(normalisePhone("+79001234567", "contact"), "+79001234567");
  assert.equal(normalisePhone("+998 90 123 45 67", "contact"), "+998901234567");
});

test("a typed number is accepted with its country code and common separators", () => {
  assert.equal(normalisePhone("+7 (900) 123-45-67", "typed"), "+79001234567");
  assert.equal(normalisePhone("0049 151 2345 6789", "typed"), "+4915123456789");
  assert.equal(normalisePhone("  +1.202.555.0143 ", "typed"), "+12025550143");
});

test("a typed number without its country is refused, being ambiguous", () => {
  assert.equal(normalisePhone("89001234567", "typed"), undefined);
  assert.equal(normalisePhone("9001234567", "typed"), undefined);
});

test("what cannot be a phone number is refused", () => {
  for (const raw of ["", "+", "hello", "+0123456789", "+1234567", "+1234567890123456", "+7 900 123 45 67 ext 2"]) {
    assert.equal(normalisePhone(raw, "typed"), undefined, raw);
  }
});
