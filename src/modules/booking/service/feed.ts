import type { Transaction } from "kysely";
import { defineUseCase, type Actor, type UseCaseOutcome } from "../../../platform/audit/use-case.ts";
import { issueFeedToken } from "../feed-tokens.ts";
import type { Tables } from "../repo.ts";
import { masterOfPerson } from "../queries/staff-calendar.ts";

type Trx = Transaction<Tables>;

export type FeedIssued = { ok: true; secret: string; masterId: number } | { ok: false; reason: "not-a-master" };

/**
 * A master asks for the secret address of their calendar feed: a new secret replaces (and so
 * closes) any earlier one. Refused for someone not linked to an active master record. The audit
 * row names the master, never the secret.
 */
export const issueMasterFeed = defineUseCase("booking.feed.issue", async (trx: Trx, actor: Actor, input: { now: Date }): Promise<UseCaseOutcome<FeedIssued>> => {
  if (actor.personId === null) return { result: { ok: false, reason: "not-a-master" }, audit: null };
  const master = await masterOfPerson(trx, actor.botId, actor.personId);
  if (master === undefined) return { result: { ok: false, reason: "not-a-master" }, audit: null };
  const secret = await issueFeedToken(trx, actor.botId, actor.personId, input.now);
  return { result: { ok: true, secret, masterId: master.id }, audit: { objectType: "booking_master", objectId: master.id, after: { feed: "issued" } } };
});
