import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decimalAmount, formatMoney, minorDigits, moneyFromTyped } from "../../../src/platform/domain/money.ts";

describe("a currency's minor units", () => {
  test("are as many digits as the currency has after its point", () => {
    assert.equal(minorDigits("EUR"), 2);
    assert.equal(minorDigits("JPY"), 0);
    assert.equal(minorDigits("KWD"), 3);
  });
});

describe("an amount as a plain decimal", () => {
  test("puts the point where the currency has it, with leading zeros for cents", () => {
    assert.equal(decimalAmount(1234, "EUR"), "12.34");
    assert.equal(decimalAmount(5, "EUR"), "0.05");
    assert.equal(decimalAmount(0, "EUR"), "0.00");
    assert.equal(decimalAmount(1500, "JPY"), "1500");
    assert.equal(decimalAmount(1234, "KWD"), "1.234");
  });

  test("keeps a negative amount's sign in front", () => {
    assert.equal(decimalAmount(-5, "EUR"), "-0.05");
  });
});

describe("an amount as a person reads it", () => {
  test("is written the way the person's language writes money", () => {
    assert.equal(formatMoney(3500, "EUR", "en"), "€35.00");
    assert.equal(formatMoney(3500, "EUR", "de"), "35,00\u00a0€");
    assert.equal(formatMoney(3500, "EUR", "ru"), "35,00\u00a0€");
  });

  test("shows as many minor digits as the currency has", () => {
    assert.equal(formatMoney(1500, "JPY", "en"), "¥1,500");
    assert.equal(formatMoney(1234, "KWD", "en"), "KWD\u00a01.234");
  });

  test("is exact for amounts no float could hold to the cent", () => {
    assert.equal(formatMoney(900_719_925_474_099, "EUR", "en"), "€9,007,199,254,740.99");
  });

  test("keeps a refund's minus sign", () => {
    assert.equal(formatMoney(-5, "EUR", "en"), "-€0.05");
  });
});

describe("a price typed by a person", () => {
  test("whole units and decimals with a point or a comma become minor units", () => {
    assert.equal(moneyFromTyped("35", "EUR"), 3500);
    assert.equal(moneyFromTyped("35.5", "EUR"), 3550);
    assert.equal(moneyFromTyped(" 1 200,05 ", "EUR"), 120005);
    assert.equal(moneyFromTyped("0", "EUR"), 0);
  });

  test("a currency without minor units takes whole numbers only", () => {
    assert.equal(moneyFromTyped("1500", "JPY"), 1500);
    assert.equal(moneyFromTyped("1500.5", "JPY"), undefined);
  });

  test("anything else is not a price", () => {
    for (const typed of ["", "forty", "-5", "3.555", "35 EUR", "1e3", "35."]) assert.equal(moneyFromTyped(typed, "EUR"), undefined, typed);
  });
});
