import type { InlineKeyboardButton } from "@grammyjs/types";
import type { CommandScope } from "../../../platform/commands/command.ts";
import { escapeHtml } from "../../../platform/domain/html.ts";
import { updateSubjectCard, type ThreadCard } from "../../../platform/work-groups/subject-thread.ts";
import { claimButton, resolveButton } from "../callbacks.ts";
import { isActive } from "../ticket-workflow.ts";
import { earlierTicketsOf, type TicketRow } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";

/** A ticket as its thread names it. */
export const ticketSubject = (ticketId: number) => ({ module: "helpdesk", type: "ticket", id: ticketId });

type Person = { telegram_id: number; first_name: string; last_name: string | null; username: string | null };

function personLine(person: Person): string {
  const name = escapeHtml([person.first_name, person.last_name].filter(Boolean).join(" "));
  const handle = person.username === null ? "" : ` @${person.username}`;
  return `<a href="tg://user?id=${person.telegram_id}">${name}</a>${handle}`;
}

/** The topic's name: the number and the first words of what the requester wrote. */
export function topicTitle(number: number, firstWords: string | null): string {
  return firstWords === null ? `#${number}` : `#${number} ${firstWords}`;
}

/**
 * The ticket's header card in its work group, in the bot's first language: who asked, the category, how many tickets they opened before, the status and who has
 * it; Take and Resolve while it is being worked on.
 */
export async function ticketCard(scope: CommandScope<HelpdeskTables>, ticket: TicketRow): Promise<ThreadCard> {
  const botId = scope.actor.botId;
  const people = await scope.trx
    .selectFrom("person")
    .select(["telegram_id", "first_name", "last_name", "username"])
    .where("telegram_id", "in", ticket.assignee_id === null ? [ticket.requester_id] : [ticket.requester_id, ticket.assignee_id])
    .execute();
  const requester = people.find((person) => person.telegram_id === ticket.requester_id);
  const assignee = people.find((person) => person.telegram_id === ticket.assignee_id);
  const t = (key: string, args?: Record<string, string | number>) => scope.translate(key, args);
  const lines = [
    t("helpdesk-card-title", { number: String(ticket.number), status: t(`helpdesk-status-${ticket.status}`) }),
    t("helpdesk-card-from", { person: requester === undefined ? String(ticket.requester_id) : personLine(requester) }),
    t("helpdesk-card-category", { category: ticket.category === null ? "—" : escapeHtml(ticket.category) }),
    t("helpdesk-card-earlier", { count: await earlierTicketsOf(scope.trx, botId, ticket.requester_id, ticket.id) }),
    t("helpdesk-card-assignee", { person: assignee === undefined ? "—" : personLine(assignee) }),
  ];
  const buttons: InlineKeyboardButton[] = isActive(ticket.status)
    ? [
        { text: t("helpdesk-card-claim"), callback_data: claimButton.data({ ticketId: ticket.id }) },
        { text: t("helpdesk-card-resolve"), callback_data: resolveButton.data({ ticketId: ticket.id }) },
      ]
    : [];
  // A card without buttons: the edit takes the old ones away.
  return { text: lines.join("\n"), parseMode: "HTML", ...(buttons.length === 0 ? {} : { buttons: { inline_keyboard: [buttons] } }) };
}

/** Shows the ticket as it is now on its card (through the outbox, behind the card itself). */
export async function refreshTicketCard(scope: CommandScope<HelpdeskTables>, ticket: TicketRow): Promise<void> {
  await updateSubjectCard(scope, ticketSubject(ticket.id), await ticketCard(scope, ticket));
}
