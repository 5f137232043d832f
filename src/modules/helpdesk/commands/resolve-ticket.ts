import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { moveTicket } from "../effects/move-ticket.ts";
import { ticketById } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";

export type ResolveOutcome = Outcome<{ number: number }, "not-allowed" | "not-found" | "finished">;

/** A specialist marks a ticket resolved: the requester is told once, and a message from them reopens it. */
export const resolveTicket = defineCommand("helpdesk.resolve", async (scope: CommandScope<HelpdeskTables>, input: { ticketId: number }) => {
  const ticket = await ticketById(scope.trx, scope.actor.botId, input.ticketId);
  if (ticket === undefined) return { result: refusal("not-found") as ResolveOutcome, audit: null };
  const moved = await moveTicket(scope, ticket, "resolved", { resolved_at: scope.now });
  if (!moved.ok) return { result: refusal(moved.reason === "not-allowed" ? "not-allowed" : "finished") as ResolveOutcome, audit: null };
  return { result: { ok: true, number: ticket.number } as ResolveOutcome, audit: { objectType: "ticket", objectId: ticket.id, before: { status: ticket.status }, after: { status: "resolved" } } };
});
