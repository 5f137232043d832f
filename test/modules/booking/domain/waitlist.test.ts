import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AnyMasterQuery } from "../../../../src/modules/booking/domain/any-master.ts";
import type { MasterOffer } from "../../../../src/modules/booking/domain/decide-booking.ts";
import { wishIsFull } from "../../../../src/modules/booking/domain/waitlist.ts";
import { appointment, BERLIN, contextAt, haircut, hours, scheduleOf } from "./fixtures.ts";

const service = haircut();
/** On Wednesday 10 June Anna works only 10:00-11:00, one haircut, and it is booked; Boris works 10:00-12:00 with nothing booked. */
const anna: MasterOffer = { service, schedule: scheduleOf("anna", { overrides: [{ date: "2026-06-10", intervals: [hours("10:00", "11:00")] }] }) };
const boris: MasterOffer = { service, schedule: scheduleOf("boris", { overrides: [{ date: "2026-06-10", intervals: [hours("10:00", "12:00")] }] }) };

function query(masters: MasterOffer[]): AnyMasterQuery {
  return {
    ...contextAt("2026-06-01T08:00:00Z", BERLIN, { occupancies: [appointment("anna", "2026-06-10T08:00:00Z", "2026-06-10T09:00:00Z")] }),
    kind: "new",
    clientActiveBookings: 0,
    masters,
  };
}

describe("a waitlist wish is for something full", () => {
  test("a day whose every time is taken, with the master wished for or with every master", () => {
    assert.equal(wishIsFull(query([anna]), { date: "2026-06-10", timeMin: null }), true);
    assert.equal(wishIsFull(query([anna, boris]), { date: "2026-06-10", timeMin: null }), false, "Boris still has times");
  });

  test("a time taken with everyone who works then", () => {
    assert.equal(wishIsFull(query([anna]), { date: "2026-06-10", timeMin: 600 }), true);
    assert.equal(wishIsFull(query([anna, boris]), { date: "2026-06-10", timeMin: 600 }), false, "Boris is free at 10:00");
  });

  test("never a day or time that is closed or not on the grid", () => {
    assert.equal(wishIsFull(query([anna]), { date: "2026-06-11", timeMin: null }), false, "Anna does not work on the 11th");
    assert.equal(wishIsFull(query([anna]), { date: "2026-06-10", timeMin: 605 }), false, "no visit starts at 10:05");
    assert.equal(wishIsFull(query([anna]), { date: "2026-06-10", timeMin: 700 }), false, "Anna has gone home by 11:40");
  });
});
