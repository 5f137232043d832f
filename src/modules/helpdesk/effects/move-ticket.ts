import type { CommandScope } from "../../../platform/commands/command.ts";
import { moveSubject } from "../../../platform/workflow/move-subject.ts";
import type { MoveCheck } from "../../../platform/workflow/workflow.ts";
import { ticketWorkflow, type TicketStatus } from "../ticket-workflow.ts";
import type { TicketRow } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";
import { refreshTicketCard } from "./ticket-card.ts";

/** Columns a move may set besides the status (who has it, when it was resolved). */
export interface MoveChanges {
  assignee_id?: number | null;
  resolved_at?: Date | null;
  first_response_at?: Date | null;
}

/**
 * What the requester is told of a move: someone took the ticket, it opened again, it is resolved,
 * it is closed. Waiting is told by the answer itself, and their own message on a waiting ticket
 * (back to open) needs no word.
 */
function noticeOf(from: TicketStatus, to: TicketStatus): string | null {
  if (to === "open") return from === "new" ? "helpdesk-told-taken" : from === "resolved" ? "helpdesk-told-reopened" : null;
  if (to === "resolved" || to === "closed") return `helpdesk-told-${to}`;
  return null;
}

/**
 * Moves a ticket as the command's actor may (the workflow's rule, the history row), writes the
 * new status with `changes`, shows it on the ticket's card and tells the requester, once and in
 * their language, when it is a status they hear of. A refusal changes nothing.
 */
export async function moveTicket(scope: CommandScope<HelpdeskTables>, ticket: TicketRow, to: TicketStatus, changes: MoveChanges = {}): Promise<MoveCheck<TicketStatus> & { ticket: TicketRow }> {
  const check = await moveSubject(scope, ticketWorkflow, { subjectId: ticket.id, from: ticket.status, to, requesterId: ticket.requester_id });
  if (!check.ok) return { ...check, ticket };
  await scope.trx.updateTable("helpdesk_ticket").set({ status: to, updated_at: scope.now, ...changes }).where("id", "=", ticket.id).execute();
  const { resolved_at: _resolvedAt, ...shown } = changes;
  const moved: TicketRow = { ...ticket, ...shown, status: to };
  await refreshTicketCard(scope, moved);
  const notice = noticeOf(ticket.status, to);
  if (notice !== null) await tellRequester(scope, moved, notice);
  return { ...check, ticket: moved };
}

/**
 * Tells the requester about their ticket, keyed by how many moves it has made, so each move is
 * told once, whoever retries the command.
 */
export async function tellRequester(scope: CommandScope<HelpdeskTables>, ticket: TicketRow, key: string): Promise<void> {
  const { moves } = await scope.trx
    .selectFrom("status_history")
    .select((eb) => eb.fn.countAll<string>().as("moves"))
    .where("bot_id", "=", scope.actor.botId)
    .where("subject_type", "=", ticketWorkflow.subject)
    .where("subject_id", "=", ticket.id)
    .executeTakeFirstOrThrow();
  await scope.tell(ticket.requester_id, { dedupeKey: `helpdesk:${ticket.id}:move:${moves}`, render: (_locale, t) => ({ text: t(key, { number: String(ticket.number) }) }) });
}
