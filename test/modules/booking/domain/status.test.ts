import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { changeStatus, type BookingStatus, type StatusEvent } from "../../../../src/modules/booking/domain/status.ts";

const visitStart = new Date("2026-06-15T04:00:00Z");
const before = new Date("2026-06-15T03:00:00Z");
const after = new Date("2026-06-15T05:00:00Z");

const events: Record<string, StatusEvent> = {
  confirm: { type: "confirm" },
  "client cancels": { type: "cancel", by: "client" },
  "staff cancel": { type: "cancel", by: "staff" },
  "hold expires": { type: "expire-hold" },
  "marked done": { type: "mark-done" },
  "marked no-show": { type: "mark-no-show" },
};

function outcomes(status: BookingStatus, now: Date): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, event] of Object.entries(events)) {
    const change = changeStatus({ status, visitStart }, event, now);
    result[name] = !change.ok ? `refused: ${change.reason}` : change.status === "cancelled" ? `cancelled by ${change.cancelledBy}` : change.status;
  }
  return result;
}

describe("booking status", () => {
  test("a pending booking is confirmed, cancelled by anyone, or cancelled when its hold expires", () => {
    assert.deepEqual(outcomes("pending", after), {
      confirm: "confirmed",
      "client cancels": "cancelled by client",
      "staff cancel": "cancelled by staff",
      "hold expires": "cancelled by hold-expired",
      "marked done": "refused: not-confirmed",
      "marked no-show": "refused: not-confirmed",
    });
  });

  test("a confirmed booking ends done, no-show or cancelled, but its hold can no longer expire", () => {
    assert.deepEqual(outcomes("confirmed", after), {
      confirm: "refused: not-pending",
      "client cancels": "cancelled by client",
      "staff cancel": "cancelled by staff",
      "hold expires": "refused: not-pending",
      "marked done": "done",
      "marked no-show": "no_show",
    });
  });

  test("a visit cannot be marked done or no-show before it starts", () => {
    const early = outcomes("confirmed", before);
    assert.deepEqual([early["marked done"], early["marked no-show"]], ["refused: visit-not-started", "refused: visit-not-started"]);
  });

  test("done, no-show and cancelled are final", () => {
    for (const status of ["done", "no_show", "cancelled"] as const) {
      assert.deepEqual(new Set(Object.values(outcomes(status, after))), new Set(["refused: already-final"]), status);
    }
  });
});
