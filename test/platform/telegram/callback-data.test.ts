import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { callbackData, field } from "../../../src/platform/telegram/callback-data.ts";

const join = callbackData("bkw:join", { service: field.id, master: field.idOrNone, date: field.date, minute: field.optional(field.count) });
const leave = callbackData("bkw:leave", { entry: field.id });
const mine = callbackData("bkw:mine");
const pick = callbackData("bk-s", { service: field.id });
const flow = { name: "booking", step: "service", data: {}, instance: 7 };

describe("callbackData", () => {
  test("builds the data it reads back, optional trailing fields left out when absent", () => {
    assert.equal(join.data({ service: 3, master: null, date: "2026-03-04" }), "bkw:join:3:0:2026-03-04");
    assert.equal(join.data({ service: 3, master: 5, date: "2026-03-04", minute: 600 }), "bkw:join:3:5:2026-03-04:600");
    assert.deepEqual(join.parse("bkw:join:3:0:2026-03-04"), { service: 3, master: null, date: "2026-03-04" });
    assert.deepEqual(join.parse("bkw:join:3:5:2026-03-04:600"), { service: 3, master: 5, date: "2026-03-04", minute: 600 });
    assert.deepEqual(mine.parse(mine.data({})), {});
  });

  test("a forged or mangled payload reads as nothing", () => {
    for (const forged of ["bkw:join:3:0:2026-02-30", "bkw:join:0:0:2026-03-04", "bkw:join:3:0", "bkw:join:3:0:2026-03-04:600:1", "bkw:join:x:0:2026-03-04", "bkw:join:03:0:2026-03-04", "bkw:join:3:-1:2026-03-04", "bkw:join:99999999999999999:0:2026-03-04"]) {
      assert.equal(join.parse(forged), undefined, forged);
    }
    assert.equal(leave.parse("bkw:leave:"), undefined);
    assert.equal(leave.parse("bkw:leaves:1"), undefined);
  });

  test("a kind's trigger claims only payloads with its own number of parts", () => {
    assert.ok(leave.trigger.test("bkw:leave:12"));
    assert.ok(leave.trigger.test("bkw:leave:abc"), "malformed, but claimed, so it is refused rather than passed on");
    assert.ok(!leave.trigger.test("bkw:leave"));
    assert.ok(!mine.trigger.test("bkw:mine:1"));
    assert.ok(!callbackData("bkw").trigger.test("bkw:mine"));
    assert.ok(join.trigger.test("bkw:join:3:0:2026-03-04") && join.trigger.test("bkw:join:3:0:2026-03-04:600"));
  });

  test("a flow's button carries the flow's mark and reads back the same", () => {
    const data = pick.inFlow(flow, { service: 3 });
    assert.equal(data, "f7:bk-s:3");
    assert.ok(pick.trigger.test(data));
    assert.deepEqual(pick.parse(data), { service: 3 });
  });

  test("data Telegram would refuse (over 64 bytes) throws where it is built", () => {
    const long = callbackData("x".repeat(60), { id: field.id });
    assert.throws(() => long.data({ id: 12345 }), /over 64 bytes/);
  });

  test("words and months read only as written", () => {
    const choice = callbackData("pick", { side: field.oneOf(["left", "right"]), month: field.month });
    assert.deepEqual(choice.parse("pick:left:2026-12"), { side: "left", month: "2026-12" });
    assert.equal(choice.parse("pick:up:2026-12"), undefined);
    assert.equal(choice.parse("pick:left:2026-13"), undefined);
  });

  test("an optional field in the middle is refused where it is declared", () => {
    assert.throws(() => callbackData("bad", { a: field.optional(field.id), b: field.id }), /only trailing fields may be optional/);
  });
});
