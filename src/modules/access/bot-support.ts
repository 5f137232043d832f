import { GrammyError } from "grammy";
import type { Jsonified } from "../../platform/telegram/update-journal.ts";
import type { Transaction } from "kysely";
import type { Actor } from "../../platform/audit/use-case.ts";
import type { BotyardContext } from "../../platform/telegram/context.ts";
import type { FlowKey } from "../../platform/telegram/flows.ts";
import type { Tables } from "./repo.ts";

/** The person pressing or writing, as the use cases' actor. */
export function actorOf(ctx: BotyardContext): Actor {
  return { botId: ctx.botId, personId: ctx.from?.id ?? null, source: "bot" };
}

export function flowKey(ctx: BotyardContext): FlowKey {
  const userId = ctx.from?.id ?? 0;
  return { botId: ctx.botId, chatId: ctx.chat?.id ?? userId, userId };
}

/** `ctx.commit` with the access tables typed in (the platform types its transaction with its own tables). */
export function commitAccess<T>(ctx: BotyardContext, name: string, work: (trx: Transaction<Tables>) => Promise<T>): Promise<Jsonified<T>> {
  return ctx.commit(name, (trx) => work(trx as Transaction<Tables>));
}

/**
 * Edits the message a button sits on, accepting Telegram's "message is not modified": the
 * outbox may have brought the same card there a moment earlier.
 */
export async function editPressed(ctx: BotyardContext, text: string, other: Parameters<BotyardContext["editMessageText"]>[1] = {}): Promise<void> {
  try {
    await ctx.editMessageText(text, other);
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
    throw error;
  }
}
