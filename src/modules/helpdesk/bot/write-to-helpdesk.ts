import { Composer } from "grammy";
import { receivedFileOf } from "../../../platform/files/received-file.ts";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import { isBotCommand, isServiceMessage } from "../../../platform/work-groups/thread-message.ts";
import { openTicketOrAppend } from "../commands/open-ticket-or-append.ts";
import type { HelpdeskTables } from "../tables.ts";

type Ctx = BotyardContext<HelpdeskTables>;

/**
 * What a person writes to the bot in private goes to the helpdesk: it opens a ticket or joins
 * theirs. Runs after the other modules' handlers (their commands and flows come first), so it
 * takes only what nothing else answered; commands pass on. What it cannot take on (a sticker, a
 * location, an empty message) is refused in the person's language.
 */
export function writeToHelpdesk(): Composer<Ctx> {
  const composer = new Composer<Ctx>();
  composer.chatType("private").on("message", async (ctx, next) => {
    const message = ctx.message;
    if (isBotCommand(message) || isServiceMessage(message)) return next();
    const file = receivedFileOf(message) ?? null;
    const text = message.text ?? message.caption ?? null;
    const outcome = await ctx.run(openTicketOrAppend, { messageId: message.message_id, text, file });
    if (!outcome.ok) await ctx.reply(ctx.t("helpdesk-unsupported"));
  });
  return composer;
}
