import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import type { ThreadMessageInput } from "../../../platform/work-groups/thread-message.ts";
import { contentOf } from "../domain/ticket-message.ts";
import { ticketById } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";

export type NoteOutcome = Outcome<{ ticketId: number }, "not-allowed" | "not-found" | "empty">;

/**
 * A specialist's internal note in a ticket's thread (a message behind the bot's note marker)
 * joins the ticket's record as a note: it never reaches the requester, and nothing else changes.
 */
export const keepTicketNote = defineCommand("helpdesk.note", async (scope: CommandScope<HelpdeskTables>, input: ThreadMessageInput) => {
  const staffId = scope.actor.personId;
  if (staffId === null || !(await scope.actorCan("helpdesk.answer"))) return { result: refusal("not-allowed") as NoteOutcome, audit: null };
  const ticket = await ticketById(scope.trx, scope.actor.botId, input.subject.id);
  if (ticket === undefined) return { result: refusal("not-found") as NoteOutcome, audit: null };
  const content = contentOf(input.message.text, input.message.file);
  if (content === null) return { result: refusal("empty") as NoteOutcome, audit: null };
  await scope.trx
    .insertInto("helpdesk_ticket_message")
    .values({ bot_id: scope.actor.botId, ticket_id: ticket.id, author_kind: "note", person_id: staffId, text: content.text, file_id: content.file?.telegramFileId ?? null, file_kind: content.file?.kind ?? null, created_at: scope.now })
    .execute();
  return { result: { ok: true, ticketId: ticket.id } as NoteOutcome, audit: { objectType: "ticket", objectId: ticket.id, after: { note: content.text } } };
});
