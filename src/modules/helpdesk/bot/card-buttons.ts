import { Composer } from "grammy";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { requirePermission } from "../../../platform/telegram/require-permission.ts";
import { claimButton, resolveButton } from "../callbacks.ts";
import { claimTicket } from "../commands/claim-ticket.ts";
import { resolveTicket } from "../commands/resolve-ticket.ts";
import type { HelpdeskTables } from "../tables.ts";

type Ctx = BotyardContext<HelpdeskTables>;

/** Take and Resolve on a ticket's card in the work group; only those who answer tickets may press them. The card follows through the outbox. */
export function cardButtons(): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  onCallback(
    composer,
    claimButton,
    async (ctx, { ticketId }) => {
      const outcome = await ctx.run(claimTicket, { ticketId });
      await ctx.answerCallbackQuery({ text: ctx.t(outcome.ok ? "helpdesk-claim-done" : `helpdesk-claim-${outcome.reason}`, outcome.ok ? { number: String(outcome.number) } : {}) });
    },
    requirePermission("helpdesk.answer"),
  );
  onCallback(
    composer,
    resolveButton,
    async (ctx, { ticketId }) => {
      const outcome = await ctx.run(resolveTicket, { ticketId });
      await ctx.answerCallbackQuery({ text: ctx.t(outcome.ok ? "helpdesk-resolve-done" : `helpdesk-resolve-${outcome.reason}`, outcome.ok ? { number: String(outcome.number) } : {}) });
    },
    requirePermission("helpdesk.answer"),
  );
  return composer;
}
