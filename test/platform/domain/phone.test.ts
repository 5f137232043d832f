import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isE164Phone, normalizePhone, phoneFromContact } from "../../../src/platform/domain/phone.ts";

describe("a shared Telegram contact's phone", () => {
  test("becomes E.164, with or without its plus", () => {
    assert.equal(phoneFromContact("79001234567"), "+79001234567");
    assert.equal(phoneFromContact("+79001234567"), "+79001234567");
    assert.equal(phoneFromContact("+998 90 123 45 67"), "+998901234567");
    assert.equal(phoneFromContact("4915112345678"), "+4915112345678");
    assert.equal(phoneFromContact("+49 151 1234-5678"), "+4915112345678");
  });

  test("is refused without its country code", () => {
    assert.equal(phoneFromContact("015112345678"), undefined);
  });
});

describe("a typed phone", () => {
  test("is accepted with its country code and common separators", () => {
    assert.equal(normalizePhone("+7 (900) 123-45-67"), "+79001234567");
    assert.equal(normalizePhone(" +7 (912) 345-67-89 "), "+79123456789");
    assert.equal(normalizePhone("  +1.202.555.0143 "), "+12025550143");
  });

  test("may give its country with 00 instead of a plus", () => {
    assert.equal(normalizePhone("0049 151 2345 6789"), "+4915123456789");
    assert.equal(normalizePhone("0049 151 0000 0001"), "+4915100000001");
  });

  test("without its country is refused when no country is known, being ambiguous", () => {
    assert.equal(normalizePhone("89001234567"), undefined);
    assert.equal(normalizePhone("9001234567"), undefined);
  });

  test("without its country is read as the default country's national number", () => {
    assert.equal(normalizePhone("8 (900) 123-45-67", "RU"), "+79001234567");
    assert.equal(normalizePhone("0151 12345678", "DE"), "+4915112345678");
    assert.equal(normalizePhone("+79001234567", "DE"), "+79001234567", "a number with its country keeps it");
    assert.equal(normalizePhone("0049 151 12345678", "US"), "+4915112345678", "00 is read as + whatever the country");
  });

  test("with a country libphonenumber does not know is read as if no country were given", () => {
    assert.equal(normalizePhone("0151 12345678", "XX"), undefined);
    assert.equal(normalizePhone("+4915112345678", "XX"), "+4915112345678");
  });

  test("that cannot be a phone number is refused", () => {
    for (const typed of ["", "+", "hello", "phone", "12345", "+0123456789", "+0 151 1234567", "+1234567", "+1234567890123456", "+7 900 123 45 67 ext 2"]) {
      assert.equal(normalizePhone(typed), undefined, typed);
    }
  });

  test("that has the digits of a phone but no such number in its country is refused", () => {
    assert.equal(normalizePhone("+1 555 000 1122"), undefined, "no US area code 555");
    assert.equal(normalizePhone("+999 1234 5678"), undefined, "no country code 999");
  });

  test("spelled with letters is refused, not dialled as a vanity number", () => {
    assert.equal(normalizePhone("+1 800 FLOWERS"), undefined);
  });
});

describe("a stored phone", () => {
  test("is in E.164 only when it is a valid number written without separators", () => {
    assert.equal(isE164Phone("+4915112345678"), true);
    assert.equal(isE164Phone("+49 151 12345678"), false);
    assert.equal(isE164Phone("004915112345678"), false);
    assert.equal(isE164Phone("+15550001122"), false);
  });
});
