import { defineCommand, type CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { refusal, type Outcome } from "../../../platform/domain/outcome.ts";
import type { ThreadMessageInput } from "../../../platform/work-groups/thread-message.ts";
import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH, contentOf, fitted } from "../domain/ticket-message.ts";
import { moveTicket } from "../effects/move-ticket.ts";
import { refreshTicketCard } from "../effects/ticket-card.ts";
import { ticketById } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";

export type ReplyOutcome = Outcome<{ ticketId: number }, "helpdesk-reply-not-allowed" | "helpdesk-reply-closed" | "helpdesk-reply-unsupported">;

/** Room left in a message for the name it is signed with. */
const SIGNATURE_ROOM = 80;

/**
 * A specialist writes in a ticket's thread: the message (its text and its photo, document, voice
 * note or video) reaches the requester once, signed with the specialist's first name or, where
 * the bot keeps staff anonymous, as the team. The first answer is the ticket's first response;
 * a new or open ticket now waits for the requester, and the one who answered has it if nobody
 * did. Refused (and nothing relayed) for someone who does not answer tickets, a closed ticket,
 * and a message with neither text nor a file that can be sent on (a sticker).
 */
export const relayStaffReply = defineCommand("helpdesk.reply", async (scope: CommandScope<HelpdeskTables>, input: ThreadMessageInput) => {
  const { subject, message } = input;
  const staffId = scope.actor.personId;
  if (staffId === null || !(await scope.actorCan("helpdesk.answer"))) return { result: refusal("helpdesk-reply-not-allowed") as ReplyOutcome, audit: null };
  const ticket = await ticketById(scope.trx, scope.actor.botId, subject.id);
  if (ticket === undefined || ticket.status === "closed") return { result: refusal("helpdesk-reply-closed") as ReplyOutcome, audit: null };
  const content = contentOf(message.text, message.file);
  if (content === null) return { result: refusal("helpdesk-reply-unsupported") as ReplyOutcome, audit: null };

  await scope.trx
    .insertInto("helpdesk_ticket_message")
    .values({ bot_id: scope.actor.botId, ticket_id: ticket.id, author_kind: "staff", person_id: staffId, text: content.text, file_id: content.file?.telegramFileId ?? null, file_kind: content.file?.kind ?? null, created_at: scope.now })
    .execute();
  const signedAs = scope.settings.anonymousStaff ? null : message.from.firstName;
  const { file } = content;
  await scope.tell(ticket.requester_id, {
    dedupeKey: `helpdesk:${ticket.id}:answer:${message.chatId}:${message.messageId}`,
    render: (_locale, t) => {
      const text = escapeHtml(fitted(content.text ?? "", (file === null ? MAX_TEXT_LENGTH : MAX_CAPTION_LENGTH) - SIGNATURE_ROOM));
      const signed = signedAs === null ? t("helpdesk-answer-anonymous", { text }) : t("helpdesk-answer", { name: escapeHtml(signedAs), text });
      return { text: signed, ...(file === null ? {} : { file: { kind: file.kind, telegramFileId: file.telegramFileId } }) };
    },
  });

  const firstResponse = ticket.first_response_at ?? scope.now;
  const assignee = ticket.assignee_id ?? staffId;
  if (ticket.status === "new" || ticket.status === "open") {
    await moveTicket(scope, ticket, "waiting", { first_response_at: firstResponse, assignee_id: assignee });
  } else {
    await scope.trx.updateTable("helpdesk_ticket").set({ updated_at: scope.now, first_response_at: firstResponse, assignee_id: assignee }).where("id", "=", ticket.id).execute();
    if (assignee !== ticket.assignee_id) await refreshTicketCard(scope, { ...ticket, assignee_id: assignee, first_response_at: firstResponse });
  }
  return {
    result: { ok: true, ticketId: ticket.id } as ReplyOutcome,
    audit: { objectType: "ticket", objectId: ticket.id, after: { answer: content.text, file: content.file?.kind ?? null, by: staffId, anonymous: signedAs === null } },
  };
});
