import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkLocation, checkMasterService, checkService, isUsableName, serviceAsOfferedBy } from "../../../../src/modules/booking/domain/catalogue.ts";
import { haircut } from "./fixtures.ts";

describe("checking a service", () => {
  test("a sound service passes", () => {
    assert.deepEqual(checkService(haircut({ prepayment: { amountMinor: 500, holdMin: 15 } })), { ok: true });
  });

  test("durations from 5 to 480 minutes are allowed", () => {
    assert.deepEqual(
      [4, 5, 480, 481, 30.5].map((durationMin) => checkService(haircut({ durationMin })).ok),
      [false, true, true, false, false],
    );
  });

  test("every problem is reported at once, each by name", () => {
    const broken = haircut({
      durationMin: 600,
      priceMinor: 12.5,
      currency: "euro",
      bufferAfterMin: -5,
      slotStepMin: 3,
      capacity: 0,
      prepayment: { amountMinor: 5000, holdMin: 15 },
    });
    assert.deepEqual(checkService(broken), {
      ok: false,
      problems: [
        "duration-out-of-range",
        "price-invalid",
        "currency-invalid",
        "buffer-out-of-range",
        "slot-step-out-of-range",
        "capacity-invalid",
        "prepayment-invalid",
      ],
    });
  });

  test("a master's own duration and price are checked the same way", () => {
    assert.deepEqual(checkMasterService({ masterId: "anna", serviceId: "haircut", durationMin: 500, priceMinor: -1 }, "EUR"), {
      ok: false,
      problems: ["duration-out-of-range", "price-invalid"],
    });
  });

  test("a price goes up to 100,000,000 of the currency's units, counted in its own minor digits", () => {
    const priced = (priceMinor: number, currency: string) => checkService(haircut({ priceMinor, currency })).ok;
    assert.deepEqual(
      [priced(0, "EUR"), priced(10_000_000_000, "EUR"), priced(10_000_000_001, "EUR"), priced(9_999_999_999_900, "EUR")],
      [true, true, false, false],
    );
    assert.deepEqual([priced(100_000_000, "JPY"), priced(100_000_001, "JPY"), priced(10_000_000_000, "UZS")], [true, false, true]);
  });

  test("a currency must be one ISO 4217 knows, not just three letters", () => {
    assert.deepEqual(
      ["EUR", "UZS", "RUB", "XYZ", "eur", "EURO"].map((currency) => checkService(haircut({ currency })).ok),
      [true, true, true, false, false, false],
    );
  });

  test("a location needs a zone the runtime knows", () => {
    assert.deepEqual(checkLocation({ id: "main", timeZone: "Asia/Tashkent" }), { ok: true });
    assert.deepEqual(checkLocation({ id: "main", timeZone: "Asia/Tashkentt" }), { ok: false, problems: ["time-zone-unknown"] });
  });
});

describe("a service as a master offers it", () => {
  test("takes the master's own duration and price where set, the catalogue's otherwise", () => {
    const service = haircut();
    const anna = serviceAsOfferedBy(service, { masterId: "anna", serviceId: "haircut", durationMin: 45 });
    const boris = serviceAsOfferedBy(service, { masterId: "boris", serviceId: "haircut", priceMinor: 4000 });
    assert.deepEqual([anna.durationMin, anna.priceMinor, boris.durationMin, boris.priceMinor], [45, 2500, 60, 4000]);
    assert.equal(serviceAsOfferedBy(service, undefined), service);
  });
});

describe("names admins type", () => {
  test("need something besides spaces and fit a button", () => {
    assert.equal(isUsableName(" Anna "), true);
    assert.equal(isUsableName("   "), false);
    assert.equal(isUsableName("x".repeat(101)), false);
  });
});
