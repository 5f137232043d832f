import { GrammyError } from "grammy";
import type { Jsonified } from "../../../platform/telegram/update-journal.ts";
import type { Transaction } from "kysely";
import type { BotyardContext } from "../../../platform/telegram/context.ts";
import type { Tables } from "../repo.ts";

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
