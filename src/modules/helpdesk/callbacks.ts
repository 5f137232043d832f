import { callbackData, field } from "../../platform/telegram/callback-data.ts";

/** "Take it" on a ticket's card in the work group: `hd:claim:<ticket id>`. */
export const claimButton = callbackData("hd:claim", { ticketId: field.id });
/** "Resolve" on a ticket's card. */
export const resolveButton = callbackData("hd:resolve", { ticketId: field.id });
/** The requester's "Close" on their list of tickets. */
export const closeButton = callbackData("hd:close", { ticketId: field.id });
