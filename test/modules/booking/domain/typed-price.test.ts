import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { priceFromTyped } from "../../../../src/modules/booking/domain/typed-price.ts";

describe("a price typed by a person", () => {
  test("whole units and decimals with a point or a comma become minor units", () => {
    assert.equal(priceFromTyped("35", "EUR"), 3500);
    assert.equal(priceFromTyped("35.5", "EUR"), 3550);
    assert.equal(priceFromTyped(" 1 200,05 ", "EUR"), 120005);
    assert.equal(priceFromTyped("0", "EUR"), 0);
  });

  test("a currency without minor units takes whole numbers only", () => {
    assert.equal(priceFromTyped("1500", "JPY"), 1500);
    assert.equal(priceFromTyped("1500.5", "JPY"), undefined);
  });

  test("anything else is not a price", () => {
    for (const typed of ["", "forty", "-5", "3.555", "35 EUR", "1e3", "35."]) assert.equal(priceFromTyped(typed, "EUR"), undefined, typed);
  });
});
