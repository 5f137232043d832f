import type { UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { issueFeedToken } from "../feed-tokens.ts";
import { masterOfPerson } from "../queries/staff-calendar.ts";
import type { BookingTables } from "../tables.ts";

export type FeedIssued = { ok: true; secret: string; masterId: number } | { ok: false; reason: "not-a-master" };

/**
 * A master asks for the secret address of their calendar feed: a new secret replaces (and so
 * closes) any earlier one. Refused for someone not linked to an active master record. The audit
 * row names the master, never the secret.
 */
export const issueMasterFeed = defineCommand("booking.feed.issue", async (scope: CommandScope<BookingTables>, _input: Record<string, never>): Promise<UseCaseOutcome<FeedIssued>> => {
  const { trx, actor } = scope;
  if (actor.personId === null) return { result: { ok: false, reason: "not-a-master" }, audit: null };
  const master = await masterOfPerson(trx, actor.botId, actor.personId);
  if (master === undefined) return { result: { ok: false, reason: "not-a-master" }, audit: null };
  const secret = await issueFeedToken(trx, actor.botId, actor.personId, scope.now);
  return { result: { ok: true, secret, masterId: master.id }, audit: { objectType: "booking_master", objectId: master.id, after: { feed: "issued" } } };
});
