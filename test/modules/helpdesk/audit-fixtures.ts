import { claimTicket } from "../../../src/modules/helpdesk/commands/claim-ticket.ts";
import { closeTicketByRequester } from "../../../src/modules/helpdesk/commands/close-ticket-by-requester.ts";
import { keepTicketNote } from "../../../src/modules/helpdesk/commands/keep-ticket-note.ts";
import { openTicketOrAppend } from "../../../src/modules/helpdesk/commands/open-ticket-or-append.ts";
import { relayStaffReply } from "../../../src/modules/helpdesk/commands/relay-staff-reply.ts";
import { resolveTicket } from "../../../src/modules/helpdesk/commands/resolve-ticket.ts";
import type { ThreadMessageInput } from "../../../src/platform/work-groups/thread-message.ts";
import { fixture, type Fixture, type World } from "../../support/audit-world.ts";
import { fixtures as knowledge } from "./audit-fixtures/knowledge.ts";

type Opened = { ticketId: number; requester: Awaited<ReturnType<World["person"]>> };

let nextMessage = 1;

async function openedTicket(world: World): Promise<Opened> {
  const requester = await world.person();
  const outcome = await world.runtime.run(requester, openTicketOrAppend, { messageId: nextMessage++, text: "My printer is on fire", file: null });
  if (!outcome.ok) throw new Error(outcome.reason);
  return { ticketId: outcome.ticketId, requester };
}

const staffMessage = (ticketId: number, from: number, text: string): ThreadMessageInput => ({
  subject: { module: "helpdesk", type: "ticket", id: ticketId, threadId: 1 },
  message: { chatId: -1_000_000_000_001, messageId: nextMessage++, from: { telegramId: from, firstName: "Sue", lastName: null, username: null }, text, file: null },
});

export const fixtures: Record<string, Fixture> = {
  ...knowledge,
  "helpdesk.write": fixture({
    run: async (world) => {
      const { ticketId, requester } = await openedTicket(world);
      return { actor: requester, objectType: "ticket", objectId: ticketId };
    },
  }),
  "helpdesk.reply": fixture({
    setup: openedTicket,
    run: async (world, opened) => {
      const specialist = await world.person(["specialist"]);
      const outcome = await world.runtime.run(specialist, relayStaffReply, staffMessage(opened.ticketId, specialist.personId, "Unplug it"));
      if (!outcome.ok) throw new Error(outcome.reason);
      return { actor: specialist, objectType: "ticket", objectId: opened.ticketId };
    },
  }),
  "helpdesk.note": fixture({
    setup: openedTicket,
    run: async (world, opened) => {
      const specialist = await world.person(["specialist"]);
      const outcome = await world.runtime.run(specialist, keepTicketNote, staffMessage(opened.ticketId, specialist.personId, "a regular"));
      if (!outcome.ok) throw new Error(outcome.reason);
      return { actor: specialist, objectType: "ticket", objectId: opened.ticketId };
    },
  }),
  "helpdesk.claim": fixture({
    setup: openedTicket,
    run: async (world, opened) => {
      const specialist = await world.person(["specialist"]);
      const outcome = await world.runtime.run(specialist, claimTicket, { ticketId: opened.ticketId });
      if (!outcome.ok) throw new Error(outcome.reason);
      return { actor: specialist, objectType: "ticket", objectId: opened.ticketId };
    },
  }),
  "helpdesk.resolve": fixture({
    setup: openedTicket,
    run: async (world, opened) => {
      const specialist = await world.person(["specialist"]);
      const outcome = await world.runtime.run(specialist, resolveTicket, { ticketId: opened.ticketId });
      if (!outcome.ok) throw new Error(outcome.reason);
      return { actor: specialist, objectType: "ticket", objectId: opened.ticketId };
    },
  }),
  "helpdesk.close": fixture({
    setup: openedTicket,
    run: async (world, opened) => {
      const outcome = await world.runtime.run(opened.requester, closeTicketByRequester, { ticketId: opened.ticketId });
      if (!outcome.ok) throw new Error(outcome.reason);
      return { actor: opened.requester, objectType: "ticket", objectId: opened.ticketId };
    },
  }),
};
