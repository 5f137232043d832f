import { endSessions } from "../../../platform/auth/sessions.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import type { AccessTables } from "../tables.ts";

/** Ends the session a person is signed in with ("Sign out"); false when it had already ended. */
export const signOut = defineCommand("access.sign-out", async (scope: CommandScope<AccessTables>, input: { sessionId: number }) => {
  const ended = await endSessions(scope.trx, { botId: scope.actor.botId, id: input.sessionId }, "signed out");
  if (ended.length === 0) return { result: false, audit: null };
  return { result: true, audit: { objectType: "web_session", objectId: input.sessionId } };
});
