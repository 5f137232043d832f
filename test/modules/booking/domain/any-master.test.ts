import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chooseMaster, masterLoad, slotsForAnyMaster, type AnyMasterQuery } from "../../../../src/modules/booking/domain/any-master.ts";
import { serviceAsOfferedBy } from "../../../../src/modules/booking/domain/catalogue.ts";
import type { Occupancy } from "../../../../src/modules/booking/domain/occupancy.ts";
import { TASHKENT, appointment, contextAt, haircut, hours, scheduleOf } from "./fixtures.ts";

// Anna, Boris and Carl work in Tashkent on Mondays 09:00-12:00; the day is Monday 15 June.
const mondays = { weekly: { 1: [hours("09:00", "12:00")] } };
const offer = (masterId: string, durationMin = 60) => ({
  schedule: scheduleOf(masterId, mondays),
  service: serviceAsOfferedBy(haircut({ slotStepMin: 60 }), { masterId, serviceId: "haircut", durationMin }),
});

function query(occupancies: Occupancy[], masters = [offer("anna"), offer("boris")]): AnyMasterQuery {
  return { ...contextAt("2026-06-01T00:00:00Z", TASHKENT, { occupancies }), kind: "new", clientActiveBookings: 0, masters };
}

const annaAtEleven = appointment("anna", "2026-06-15T06:00:00Z", "2026-06-15T07:00:00Z");

describe("any available master", () => {
  test("goes to the master with fewer booked minutes that day", () => {
    const choice = chooseMaster({ ...query([annaAtEleven]), start: new Date("2026-06-15T04:00:00Z") });
    assert.equal(choice.ok && choice.masterId, "boris");
  });

  test("on equal loads goes to the master listed first", () => {
    const start = new Date("2026-06-15T04:00:00Z");
    const first = chooseMaster({ ...query([]), start });
    const reversed = chooseMaster({ ...query([], [offer("boris"), offer("anna")]), start });
    assert.deepEqual([first.ok && first.masterId, reversed.ok && reversed.masterId], ["anna", "boris"]);
  });

  test("counts only the load of that local day", () => {
    const borisYesterday = appointment("boris", "2026-06-14T04:00:00Z", "2026-06-14T07:00:00Z");
    const q = query([annaAtEleven, borisYesterday]);
    assert.deepEqual([masterLoad(q, "anna", "2026-06-15"), masterLoad(q, "boris", "2026-06-15"), masterLoad(q, "boris", "2026-06-14")], [60, 0, 180]);
    const choice = chooseMaster({ ...q, start: new Date("2026-06-15T04:00:00Z") });
    assert.equal(choice.ok && choice.masterId, "boris");
  });

  test("goes to the only master still free even if they are the busier one", () => {
    const borisAtTen = appointment("boris", "2026-06-15T05:00:00Z", "2026-06-15T06:00:00Z");
    const annaMorning = appointment("anna", "2026-06-15T04:00:00Z", "2026-06-15T06:00:00Z");
    const choice = chooseMaster({ ...query([annaMorning, borisAtTen]), start: new Date("2026-06-15T06:00:00Z") });
    assert.equal(choice.ok && choice.masterId, "boris");
  });

  test("when nobody is free says why for each master", () => {
    const borisAtEleven = appointment("boris", "2026-06-15T06:00:00Z", "2026-06-15T07:00:00Z");
    const choice = chooseMaster({ ...query([annaAtEleven, borisAtEleven]), start: new Date("2026-06-15T06:00:00Z") });
    assert.deepEqual(choice, {
      ok: false,
      reason: "taken",
      refusals: [
        { masterId: "anna", reason: "taken" },
        { masterId: "boris", reason: "taken" },
      ],
    });
  });

  test("lists every time some master can take, each with the master it goes to and that master's duration", () => {
    const borisAtNine = appointment("boris", "2026-06-15T04:00:00Z", "2026-06-15T05:00:00Z");
    const q = { ...query([annaAtEleven, borisAtNine], [offer("anna"), offer("boris", 45)]), date: "2026-06-15" };
    assert.deepEqual(
      slotsForAnyMaster(q).map((slot) => `${slot.time}-${slot.endTime} ${slot.masterId}`),
      ["09:00-10:00 anna", "10:00-11:00 anna", "11:00-11:45 boris"],
    );
  });
});
