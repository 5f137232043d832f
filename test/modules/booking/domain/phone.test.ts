import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { phoneFromContact, phoneFromTyped } from "../../../../src/modules/booking/domain/phone.ts";

describe("phones", () => {
  test("a shared contact's number becomes E.164, with or without its +", () => {
    assert.equal(phoneFromContact("4915112345678"), "+4915112345678");
    assert.equal(phoneFromContact("+49 151 1234-5678"), "+4915112345678");
    assert.equal(phoneFromContact("015112345678"), undefined, "no country code");
  });

  test("a number typed at the desk may start with 00 and carry spaces, dashes and brackets", () => {
    assert.equal(phoneFromTyped("0049 151 0000 0001"), "+4915100000001");
    assert.equal(phoneFromTyped(" +7 (912) 345-67-89 "), "+79123456789");
    for (const typed of ["12345", "phone", "", "+0 151 1234567"]) assert.equal(phoneFromTyped(typed), undefined, typed);
  });
});
