import { endSessions } from "../../../platform/auth/sessions.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal } from "../../../platform/domain/outcome.ts";
import type { AccessTables } from "../tables.ts";
import type { SessionEndResult } from "./end-session.ts";

/** Ends every web session and bearer token of a person ("log out everywhere"): oneself, or anyone with `sessions.manage`. */
export const endAllSessions = defineCommand("access.session.end-all", async (scope: CommandScope<AccessTables>, input: { telegramId: number }) => {
  const { actor, trx } = scope;
  if (input.telegramId !== actor.personId && !(await scope.actorCan("sessions.manage"))) return { result: refusal("forbidden") as SessionEndResult, audit: null };
  const ended = await endSessions(trx, { botId: actor.botId, telegramId: input.telegramId }, "logged out everywhere");
  if (ended.length === 0) return { result: refusal("no-sessions") as SessionEndResult, audit: null };
  return { result: { ok: true, ended: ended.length } as SessionEndResult, audit: { objectType: "person", objectId: input.telegramId, after: { sessionsEnded: ended } } };
});
