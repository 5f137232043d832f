import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { isActive } from "../ticket-workflow.ts";
import { moveTicket } from "../effects/move-ticket.ts";
import { refreshTicketCard } from "../effects/ticket-card.ts";
import { ticketById } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";

export type ClaimOutcome = Outcome<{ number: number }, "not-allowed" | "not-found" | "finished" | "already-yours">;

/**
 * A specialist takes a ticket (from the card's button): it is theirs from now on, taken over
 * from whoever had it. A new ticket becomes open, and the requester is told someone took it.
 */
export const claimTicket = defineCommand("helpdesk.claim", async (scope: CommandScope<HelpdeskTables>, input: { ticketId: number }) => {
  const staffId = scope.actor.personId;
  if (staffId === null || !(await scope.actorCan("helpdesk.answer"))) return { result: refusal("not-allowed") as ClaimOutcome, audit: null };
  const ticket = await ticketById(scope.trx, scope.actor.botId, input.ticketId);
  if (ticket === undefined) return { result: refusal("not-found") as ClaimOutcome, audit: null };
  if (!isActive(ticket.status)) return { result: refusal("finished") as ClaimOutcome, audit: null };
  if (ticket.assignee_id === staffId) return { result: refusal("already-yours") as ClaimOutcome, audit: null };
  if (ticket.status === "new") {
    await moveTicket(scope, ticket, "open", { assignee_id: staffId });
  } else {
    await scope.trx.updateTable("helpdesk_ticket").set({ assignee_id: staffId, updated_at: scope.now }).where("id", "=", ticket.id).execute();
    await refreshTicketCard(scope, { ...ticket, assignee_id: staffId });
  }
  return {
    result: { ok: true, number: ticket.number } as ClaimOutcome,
    audit: { objectType: "ticket", objectId: ticket.id, before: { assignee: ticket.assignee_id, status: ticket.status }, after: { assignee: staffId } },
  };
});
