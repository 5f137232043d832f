import { defineWorkflow } from "../../platform/workflow/workflow.ts";

export const TICKET_STATUSES = ["new", "open", "waiting", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

const staff = { permission: "helpdesk.answer" } as const;

/**
 * A ticket's life: new (nobody has taken it) -> open (someone works on it) -> waiting (for the
 * requester, after an answer) -> resolved -> closed. The requester's message moves a waiting or
 * resolved ticket back to open; they may close their own; staff do the rest; the system closes
 * resolved tickets after a while.
 */
export const ticketWorkflow = defineWorkflow({
  subject: "ticket",
  states: TICKET_STATUSES,
  initial: "new",
  transitions: [
    { from: ["new"], to: "open", by: [staff] },
    { from: ["new", "open"], to: "waiting", by: [staff] },
    { from: ["waiting", "resolved"], to: "open", by: ["requester", staff] },
    { from: ["new", "open", "waiting"], to: "resolved", by: [staff] },
    { from: ["new", "open", "waiting", "resolved"], to: "closed", by: ["requester", staff] },
    { from: ["resolved"], to: "closed", by: ["system"] },
  ],
});

/** Whether a ticket is still being worked on (staff may answer, claim and resolve it). */
export function isActive(status: TicketStatus): boolean {
  return status === "new" || status === "open" || status === "waiting";
}
