import assert from "node:assert/strict";
import { test } from "node:test";
import { checkMove, defineWorkflow, movesFrom, permissionsNamed, type MoverFacts } from "../../../src/platform/workflow/workflow.ts";

/** A repair order's workflow, small: staff assign, the customer may cancel a new one, the app closes. */
const order = defineWorkflow({
  subject: "order",
  states: ["new", "assigned", "done", "cancelled", "closed"],
  initial: "new",
  transitions: [
    { from: ["new"], to: "assigned", by: [{ permission: "people.manage" }] },
    { from: ["assigned"], to: "done", by: [{ permission: "people.manage" }] },
    { from: ["new"], to: "cancelled", by: ["requester", { permission: "people.manage" }] },
    { from: ["done"], to: "closed", by: ["system"] },
  ],
});

const nobody: MoverFacts = { system: false, requester: false, holds: () => false };
const staff: MoverFacts = { ...nobody, holds: (permission) => permission === "people.manage" };
const customer: MoverFacts = { ...nobody, requester: true };
const app: MoverFacts = { ...nobody, system: true };

test("a move the workflow has is allowed to the movers it names", () => {
  assert.deepEqual(checkMove(order, "new", "assigned", staff), { ok: true, to: "assigned" });
  assert.deepEqual(checkMove(order, "new", "cancelled", customer), { ok: true, to: "cancelled" });
  assert.deepEqual(checkMove(order, "done", "closed", app), { ok: true, to: "closed" });
});

test("a mover it does not name is refused", () => {
  assert.deepEqual(checkMove(order, "new", "assigned", customer), { ok: false, reason: "not-allowed" });
  assert.deepEqual(checkMove(order, "done", "closed", staff), { ok: false, reason: "not-allowed" });
  assert.deepEqual(checkMove(order, "new", "cancelled", nobody), { ok: false, reason: "not-allowed" });
});

test("a move the workflow does not have is refused whoever asks, and so is staying put", () => {
  assert.deepEqual(checkMove(order, "closed", "new", staff), { ok: false, reason: "no-such-move" });
  assert.deepEqual(checkMove(order, "assigned", "cancelled", customer), { ok: false, reason: "no-such-move" });
  assert.deepEqual(checkMove(order, "new", "new", staff), { ok: false, reason: "same-state" });
});

test("the moves open to a mover are listed in the workflow's order of states", () => {
  assert.deepEqual(movesFrom(order, "new", staff), ["assigned", "cancelled"]);
  assert.deepEqual(movesFrom(order, "new", customer), ["cancelled"]);
  assert.deepEqual(movesFrom(order, "closed", staff), []);
});

test("the permissions a workflow names are listed once", () => {
  assert.deepEqual(permissionsNamed(order), ["people.manage"]);
});

test("a workflow naming a state it does not have is a mistake caught where it is defined", () => {
  assert.throws(() => defineWorkflow({ subject: "x", states: ["a"], initial: "a", transitions: [{ from: ["a"], to: "b" as "a", by: ["system"] }] }), /unknown state b/);
});
