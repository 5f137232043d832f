import type { MiddlewareFn } from "grammy";
import { recordSender } from "../auth/people.ts";
import { chooseLocale } from "../i18n/choose-locale.ts";
import type { BotyardContext } from "./context.ts";
import { updateScope } from "./update-journal.ts";

/** Records who wrote (name, language, last seen) and loads their roles, chosen language and current flow. */
export const identifySender: MiddlewareFn<BotyardContext> = async (ctx, next) => {
  const from = ctx.from;
  if (from === undefined || from.is_bot) return next();
  const chatId = ctx.chat?.id ?? from.id;
  const scope = updateScope.getStore();
  if (scope === undefined) throw new Error("updates are handled through the dispatcher");
  // Bookkeeping, not a change the user asked for: a failure after it still gets an apology.
  // Usually recorded already, by the statement that claimed the update.
  const sender = await scope.journal.note("sender", (db) => recordSender(db, ctx.botId, from, chatId));
  if (sender.telegramId != null && sender.telegramId !== from.id) throw new Error(`the sender recorded for this update is ${sender.telegramId}, not ${from.id}`);
  ctx.roles = new Set(sender.roles);
  ctx.locale = chooseLocale(sender.language, from.language_code, ctx.botLanguages);
  ctx.flow = sender.flow ?? undefined;
  await next();
};
