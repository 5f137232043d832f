import { Composer, InlineKeyboard } from "grammy";
import type { ModuleContext } from "../../../platform/module.ts";
import { onCallback } from "../../../platform/telegram/callback-data.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { closeButton } from "../callbacks.ts";
import { closeTicketByRequester } from "../commands/close-ticket-by-requester.ts";
import { ticketsOf } from "../queries/tickets.ts";
import type { HelpdeskTables } from "../tables.ts";

type Ctx = BotyardContext<HelpdeskTables>;

/** `/tickets`: a person's latest tickets with their status, and a Close button for the one not closed. */
export function myTickets(context: ModuleContext<HelpdeskTables>): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  const privateChats = composer.chatType("private");

  privateChats.command("tickets", async (ctx) => {
    const tickets = await ticketsOf(context.database.db, ctx.botId, ctx.from.id);
    if (tickets.length === 0) {
      await ctx.reply(ctx.t("helpdesk-tickets-none"));
      return;
    }
    const day = new Intl.DateTimeFormat(ctx.locale, { dateStyle: "medium", timeZone: context.settings.of(ctx.botId).timeZone });
    const lines = tickets.map((ticket) => ctx.t("helpdesk-tickets-line", { number: String(ticket.number), status: ctx.t(`helpdesk-status-${ticket.status}`), date: day.format(new Date(ticket.created_at)) }));
    const keyboard = new InlineKeyboard();
    for (const ticket of tickets) if (ticket.status !== "closed") keyboard.text(ctx.t("helpdesk-tickets-close", { number: String(ticket.number) }), closeButton.data({ ticketId: ticket.id })).row();
    await ctx.reply([ctx.t("helpdesk-tickets-title"), ...lines].join("\n"), { reply_markup: keyboard });
  });

  onCallback(privateChats, closeButton, async (ctx, { ticketId }) => {
    const outcome = await ctx.run(closeTicketByRequester, { ticketId });
    await ctx.answerCallbackQuery({ text: ctx.t(outcome.ok ? "helpdesk-close-done" : `helpdesk-close-${outcome.reason}`) });
    if (outcome.ok) await ctx.editMessageReplyMarkup();
  });
  return composer;
}
