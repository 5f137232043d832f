import { endSessions } from "../../../platform/auth/sessions.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Refusal } from "../../../platform/domain/outcome.ts";
import type { AccessTables } from "../tables.ts";

export type SessionEndResult = { ok: true; ended: number } | Refusal<"forbidden" | "not-found" | "no-sessions">;

/** Ends one web session: one's own, or anyone's with `sessions.manage` (read in this transaction). */
export const endSession = defineCommand("access.session.end", async (scope: CommandScope<AccessTables>, input: { sessionId: number }) => {
  const { actor, trx } = scope;
  const session = await trx
    .selectFrom("web_session")
    .select(["id", "telegram_id", "kind", "via"])
    .where("bot_id", "=", actor.botId)
    .where("id", "=", input.sessionId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  if (session === undefined) return { result: refusal("not-found") as SessionEndResult, audit: null };
  const own = session.telegram_id === actor.personId;
  if (!own && !(await scope.actorCan("sessions.manage"))) return { result: refusal("forbidden") as SessionEndResult, audit: null };
  const ended = await endSessions(trx, { botId: actor.botId, id: session.id }, own ? "ended by its owner" : "ended by an admin");
  return {
    result: { ok: true, ended: ended.length } as SessionEndResult,
    audit: { objectType: "web_session", objectId: session.id, before: { telegramId: session.telegram_id, kind: session.kind, via: session.via }, after: { ended: true } },
  };
});
