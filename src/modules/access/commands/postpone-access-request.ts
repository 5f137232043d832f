import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { AccessApp } from "../effects/access-app.ts";
import type { AccessTables } from "../tables.ts";
import { decideRequest } from "./decide-request.ts";

/** Postpones a pending request: every admin's card says who postponed it and keeps Approve and Reject; the applicant is not told. */
export const postponeAccessRequest = defineCommand("access.request.postpone", (scope: CommandScope<AccessTables>, input: { app: AccessApp; requestId: number }) =>
  decideRequest(scope, input.app, input.requestId, "postpone", {}),
);
