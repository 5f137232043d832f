import { join } from "node:path";
import { Composer } from "grammy";
import { cataloguesIn } from "../../platform/i18n/catalogues.ts";
import { defineModule } from "../../platform/module.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import { cardButtons } from "./bot/card-buttons.ts";
import { myTickets } from "./bot/my-tickets.ts";
import { writeToHelpdesk } from "./bot/write-to-helpdesk.ts";
import { claimTicket } from "./commands/claim-ticket.ts";
import { closeTicketByRequester } from "./commands/close-ticket-by-requester.ts";
import { keepTicketNote } from "./commands/keep-ticket-note.ts";
import { openTicketOrAppend } from "./commands/open-ticket-or-append.ts";
import { relayStaffReply } from "./commands/relay-staff-reply.ts";
import { resolveTicket } from "./commands/resolve-ticket.ts";
import * as helpdesk0001 from "./migrations/0001_tickets.ts";
import * as helpdesk0002 from "./migrations/0002_knowledge.ts";
import { createArticle } from "./commands/create-article.ts";
import { deleteArticle } from "./commands/delete-article.ts";
import { editArticle } from "./commands/edit-article.ts";
import { publishArticle } from "./commands/publish-article.ts";
import { KNOWLEDGE_PERMISSIONS } from "./knowledge/permissions.ts";
import { HELPDESK_PERMISSIONS, HELPDESK_ROLES } from "./permissions.ts";
import type { HelpdeskTables } from "./tables.ts";

/**
 * The help desk: what a person writes to the bot becomes a numbered ticket, answered by
 * specialists in the bot's work group (a forum topic per ticket with a header card, or a card to
 * reply to). Answers reach the person with their files, under the specialist's name or the
 * team's; notes stay internal; the person sees and closes their tickets, and a message reopens a
 * resolved one. Opt-in: it takes every private message nothing else answered.
 */
export const helpdeskModule = defineModule<HelpdeskTables>({
  name: "helpdesk",
  optIn: true,
  migrations: { helpdesk_0001_tickets: helpdesk0001, helpdesk_0002_knowledge: helpdesk0002 },
  catalogues: [...cataloguesIn(join(import.meta.dirname, "locales")), ...cataloguesIn(join(import.meta.dirname, "locales", "knowledge"))],
  roles: HELPDESK_ROLES,
  permissions: { ...HELPDESK_PERMISSIONS, ...KNOWLEDGE_PERMISSIONS },
  botCommands: [{ command: "tickets", description: "helpdesk-command-tickets" }],
  commands: [openTicketOrAppend, relayStaffReply, keepTicketNote, claimTicket, resolveTicket, closeTicketByRequester, createArticle, editArticle, publishArticle, deleteArticle],
  threads: { onThreadMessage: relayStaffReply, onThreadNote: keepTicketNote },
  // The catch-all for private messages goes last, after the commands and buttons.
  composer: (context) => new Composer<BotyardContext<HelpdeskTables>>().use(myTickets(context), cardButtons(), writeToHelpdesk()),
});
