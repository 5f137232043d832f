import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { grantableRoles } from "../domain/roles.ts";
import type { AccessTables } from "../tables.ts";
import { decideRequest } from "./decide-request.ts";

/**
 * Approves a request with a role (any known role but owner; without one, the least privileged):
 * re-checks the decider's `people.manage` from the database, grants the role, edits every
 * admin's card and tells the applicant, with a button for their login link.
 */
export const approveAccessRequest = defineCommand("access.request.approve", (scope: CommandScope<AccessTables>, input: { requestId: number; role?: string }) =>
  decideRequest(scope, input.requestId, "approve", { role: input.role ?? grantableRoles(scope.roles.byPrivilege)[0] }),
);
