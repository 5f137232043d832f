import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { AccessTables } from "../tables.ts";
import { decideRequest } from "./decide-request.ts";

/** Postpones a pending request: every admin's card says who postponed it and keeps Approve and Reject; the applicant is not told. */
export const postponeAccessRequest = defineCommand("access.request.postpone", (scope: CommandScope<AccessTables>, input: { requestId: number }) =>
  decideRequest(scope, input.requestId, "postpone", {}),
);
