import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { AccessTables } from "../tables.ts";
import { decideRequest } from "./decide-request.ts";

/** Rejects a request with a reason the applicant reads (they may apply again after the cool-down); every admin's card is edited. */
export const rejectAccessRequest = defineCommand("access.request.reject", (scope: CommandScope<AccessTables>, input: { requestId: number; reason: string }) =>
  decideRequest(scope, input.requestId, "reject", { reason: input.reason }),
);
