import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import { sendToSubjectThread } from "../../../platform/work-groups/subject-thread.ts";
import { moveTicket } from "../effects/move-ticket.ts";
import { ticketSubject } from "../effects/ticket-card.ts";
import { ticketById } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";

export type CloseOutcome = Outcome<{ number: number }, "not-found" | "closed">;

/**
 * The requester closes their own ticket (from their list): they are told once, its card shows it,
 * and its thread says so to staff. Anyone else's ticket reads as not found; a closed one is refused.
 */
export const closeTicketByRequester = defineCommand("helpdesk.close", async (scope: CommandScope<HelpdeskTables>, input: { ticketId: number }) => {
  const ticket = await ticketById(scope.trx, scope.actor.botId, input.ticketId);
  if (ticket === undefined || ticket.requester_id !== scope.actor.personId) return { result: refusal("not-found") as CloseOutcome, audit: null };
  const moved = await moveTicket(scope, ticket, "closed");
  if (!moved.ok) return { result: refusal("closed") as CloseOutcome, audit: null };
  await sendToSubjectThread(scope, ticketSubject(ticket.id), {
    method: "sendMessage",
    payload: { text: scope.translate("helpdesk-thread-closed-by-requester", { number: String(ticket.number) }) },
    dedupeKey: `helpdesk:${ticket.id}:closed-by-requester`,
  });
  return { result: { ok: true, number: ticket.number } as CloseOutcome, audit: { objectType: "ticket", objectId: ticket.id, before: { status: ticket.status }, after: { status: "closed" } } };
});
