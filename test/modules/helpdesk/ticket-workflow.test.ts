import assert from "node:assert/strict";
import { test } from "node:test";
import { ticketWorkflow } from "../../../src/modules/helpdesk/ticket-workflow.ts";
import { checkMove, movesFrom, type MoverFacts } from "../../../src/platform/workflow/workflow.ts";

const requester: MoverFacts = { system: false, requester: true, holds: () => false };
const specialist: MoverFacts = { system: false, requester: false, holds: (permission) => permission === "helpdesk.answer" };
const stranger: MoverFacts = { system: false, requester: false, holds: () => false };
const system: MoverFacts = { system: true, requester: false, holds: () => false };

test("the requester may close their own ticket and reopen a resolved or waiting one, nothing else", () => {
  assert.deepEqual(movesFrom(ticketWorkflow, "new", requester), ["closed"]);
  assert.deepEqual(movesFrom(ticketWorkflow, "waiting", requester), ["open", "closed"]);
  assert.deepEqual(movesFrom(ticketWorkflow, "resolved", requester), ["open", "closed"]);
});

test("a specialist takes, answers and resolves; a closed ticket stays closed", () => {
  assert.deepEqual(movesFrom(ticketWorkflow, "new", specialist), ["open", "waiting", "resolved", "closed"]);
  assert.deepEqual(movesFrom(ticketWorkflow, "closed", specialist), []);
});

test("someone else moves nothing, and the system only closes a resolved ticket", () => {
  assert.deepEqual(checkMove(ticketWorkflow, "open", "resolved", stranger), { ok: false, reason: "not-allowed" });
  assert.deepEqual(movesFrom(ticketWorkflow, "resolved", system), ["closed"]);
  assert.deepEqual(movesFrom(ticketWorkflow, "open", system), []);
});
