import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import type { ReceivedFile } from "../../../platform/files/received-file.ts";
import { openSubjectThread, sendToSubjectThread } from "../../../platform/work-groups/subject-thread.ts";
import { workGroupFor } from "../../../platform/work-groups/work-group.ts";
import { recordStatus } from "../../../platform/workflow/move-subject.ts";
import { contentOf, fitted, type TicketMessageContent } from "../domain/ticket-message.ts";
import { ticketWorkflow } from "../ticket-workflow.ts";
import { moveTicket } from "../effects/move-ticket.ts";
import { ticketCard, ticketSubject, topicTitle } from "../effects/ticket-card.ts";
import { currentTicketOf, type TicketRow } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";

export interface WriteInput {
  /** The message in the requester's private chat (copied into the ticket's thread as it is). */
  messageId: number;
  text: string | null;
  file: ReceivedFile | null;
}

export type WriteOutcome = Outcome<{ ticketId: number; number: number; opened: boolean; reopened: boolean }, "empty">;

/** How many characters of the first message name the ticket's topic. */
const TOPIC_WORDS = 60;

async function openTicket(scope: CommandScope<HelpdeskTables>, requesterId: number, content: TicketMessageContent<ReceivedFile>): Promise<TicketRow> {
  const botId = scope.actor.botId;
  const { last_number: number } = await scope.trx
    .insertInto("helpdesk_ticket_counter")
    .values({ bot_id: botId, last_number: 1 })
    .onConflict((conflict) => conflict.column("bot_id").doUpdateSet((eb) => ({ last_number: eb("helpdesk_ticket_counter.last_number", "+", 1) })))
    .returning("last_number")
    .executeTakeFirstOrThrow();
  const ticket = await scope.trx
    .insertInto("helpdesk_ticket")
    .values({ bot_id: botId, number, requester_id: requesterId, category: null, priority: "normal", status: ticketWorkflow.initial, created_at: scope.now, updated_at: scope.now })
    .returning(["id", "number", "requester_id", "category", "priority", "status", "assignee_id", "first_response_at"])
    .executeTakeFirstOrThrow();
  await recordStatus(scope.trx, scope, ticketWorkflow.subject, ticket.id, null, ticket.status);
  // The category's key is the work group's routing key: a category without a group of its own goes to the default group.
  const group = await workGroupFor(scope.trx, botId, "helpdesk", ticket.category ?? "");
  if (group !== undefined) {
    const firstWords = content.text === null ? null : fitted(content.text.replace(/\s+/g, " "), TOPIC_WORDS);
    await openSubjectThread(scope, group, ticketSubject(ticket.id), topicTitle(number, firstWords), await ticketCard(scope, ticket));
  }
  await scope.tell(requesterId, { dedupeKey: `helpdesk:${ticket.id}:opened`, render: (_locale, t) => ({ text: t("helpdesk-told-opened", { number: String(number) }) }) });
  return ticket;
}

/**
 * A person writes to the bot (text, a photo, a document, a voice note, a video): the message
 * opens a ticket, or joins their ticket that is not closed, and is copied into the ticket's
 * thread in the work group. A new ticket gets its thread (a topic with the header card) and the
 * person is told its number; a message on a waiting ticket moves it back to open, on a resolved
 * one reopens it (and they are told). A message with neither text nor a file is refused.
 */
export const openTicketOrAppend = defineCommand("helpdesk.write", async (scope: CommandScope<HelpdeskTables>, input: WriteInput) => {
  const personId = scope.actor.personId;
  if (personId === null) throw new Error("a person writes to the helpdesk");
  const content = contentOf(input.text, input.file);
  if (content === null) return { result: refusal("empty") as WriteOutcome, audit: null };
  const current = await currentTicketOf(scope.trx, scope.actor.botId, personId);
  let ticket = current ?? (await openTicket(scope, personId, content));
  const reopened = ticket.status === "resolved";
  if (ticket.status === "waiting" || ticket.status === "resolved") {
    const moved = await moveTicket(scope, ticket, "open");
    if (moved.ok) ticket = moved.ticket;
  } else if (current !== undefined) {
    await scope.trx.updateTable("helpdesk_ticket").set({ updated_at: scope.now }).where("id", "=", ticket.id).execute();
  }
  await scope.trx
    .insertInto("helpdesk_ticket_message")
    .values({ bot_id: scope.actor.botId, ticket_id: ticket.id, author_kind: "user", person_id: personId, text: content.text, file_id: content.file?.telegramFileId ?? null, file_kind: content.file?.kind ?? null, created_at: scope.now })
    .execute();
  await sendToSubjectThread(scope, ticketSubject(ticket.id), {
    method: "copyMessage",
    payload: { from_chat_id: personId, message_id: input.messageId },
    dedupeKey: `helpdesk:${ticket.id}:from:${personId}:${input.messageId}`,
  });
  return {
    result: { ok: true, ticketId: ticket.id, number: ticket.number, opened: current === undefined, reopened } as WriteOutcome,
    audit: { objectType: "ticket", objectId: ticket.id, after: { number: ticket.number, status: ticket.status, text: content.text, file: content.file?.kind ?? null } },
  };
});
