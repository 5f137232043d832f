import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { progressOf, reportFrom } from "../../../../src/platform/broadcasts/domain/report.ts";

describe("a delivery report", () => {
  test("counts sent, blocked and failed messages, and those still waiting or in flight as pending", () => {
    const report = reportFrom(
      [
        { status: "sent", count: 90 },
        { status: "blocked", count: 4 },
        { status: "failed", count: 1 },
        { status: "pending", count: 3 },
        { status: "sending", count: 2 },
      ],
      100,
    );
    assert.deepEqual(report, { queued: 100, sent: 90, blocked: 4, failed: 1, pending: 5, withdrawn: 0 });
    assert.equal(progressOf("sending", report), 0.95);
  });

  test("messages taken back by a cancel are counted as withdrawn", () => {
    const report = reportFrom([{ status: "sent", count: 30 }], 100);
    assert.equal(report.withdrawn, 70);
    assert.equal(progressOf("cancelled", report), 1);
  });

  test("a scheduled broadcast has queued nothing and made no progress", () => {
    const report = reportFrom([], null);
    assert.deepEqual(report, { queued: 0, sent: 0, blocked: 0, failed: 0, pending: 0, withdrawn: 0 });
    assert.equal(progressOf("scheduled", report), 0);
  });
});
