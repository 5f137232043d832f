import { issueLoginLink } from "../../../platform/auth/login-links.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { AccessTables } from "../tables.ts";

/**
 * A one-time sign-in link printed on the console, for the sandbox's simulated owner: the first
 * way into the panel without a default password. The URL carries the secret in its fragment.
 */
export const issueConsoleSignInLink = defineCommand("access.link.console", async (scope: CommandScope<AccessTables>, input: { telegramId: number; panelUrl: string }) => {
  const secret = await issueLoginLink(scope.trx, scope.actor.botId, input.telegramId, scope.now);
  return { result: `${input.panelUrl}/login#token=${secret}`, audit: { objectType: "person", objectId: input.telegramId } };
});
